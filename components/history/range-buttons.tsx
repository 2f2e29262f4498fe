import { HISTORY_RANGES, RANGE_LABELS, type HistoryRange } from "@/lib/history/ranges";

interface RangeButtonsProps {
  value: HistoryRange;
  onChange(range: HistoryRange): void;
}

/** 7 days … All: toggle buttons, the chosen one pressed. */
export function RangeButtons({ value, onChange }: RangeButtonsProps) {
  return (
    <div role="group" aria-label="Range" className="flex flex-wrap gap-1">
      {HISTORY_RANGES.map((range) => (
        <button
          key={range}
          type="button"
          aria-pressed={range === value}
          onClick={() => onChange(range)}
          className="rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 aria-pressed:border-sky-800 aria-pressed:bg-sky-800 aria-pressed:text-white dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800 dark:focus-visible:outline-sky-400 dark:aria-pressed:border-sky-300 dark:aria-pressed:bg-sky-300 dark:aria-pressed:text-slate-950"
        >
          {RANGE_LABELS[range]}
        </button>
      ))}
    </div>
  );
}
