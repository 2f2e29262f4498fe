import { formatAmount } from "@/lib/balances/format";
import { formatChange } from "@/lib/history/change";

interface AmountCellProps {
  /** Exact decimal text, or null when the row has no value for this column. */
  value: string | null;
  decimals: number;
  unit: string;
  /** A change: shown with its sign. */
  signed?: boolean;
  /** Said in a cell without a value, instead of a dash. */
  emptyText?: string;
}

/**
 * A figure floored to its precision. The exact value is in the title (hover), in a tooltip on
 * keyboard focus, and in data-exact, which the table's copy handler puts on the clipboard.
 */
export function AmountCell({ value, decimals, unit, signed = false, emptyText }: AmountCellProps) {
  if (value === null && emptyText !== undefined) {
    return <td className="px-3 py-2 text-right whitespace-nowrap text-slate-500 italic dark:text-slate-400">{emptyText}</td>;
  }
  if (value === null) {
    return (
      <td className="px-3 py-2 text-right text-slate-400 dark:text-slate-500">
        <span aria-hidden="true">–</span>
        <span className="sr-only">none</span>
      </td>
    );
  }
  const exact = `${value} ${unit}`;
  return (
    <td
      tabIndex={0}
      title={exact}
      data-exact={value}
      className="group relative px-3 py-2 text-right whitespace-nowrap tabular-nums focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400"
    >
      <data value={value}>{signed ? formatChange(value, decimals) : formatAmount(value, decimals)}</data>
      <span
        role="tooltip"
        className="pointer-events-none absolute right-2 bottom-full z-10 hidden rounded bg-slate-900 px-2 py-1 font-mono text-xs text-white shadow-lg group-focus-visible:block dark:bg-slate-100 dark:text-slate-900"
      >
        {exact}
      </span>
    </td>
  );
}
