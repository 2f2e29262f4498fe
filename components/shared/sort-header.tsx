import type { SortOrder } from "@/lib/balances/columns";

interface SortHeaderProps {
  /** Stays in view while the table scrolls sideways. */
  sticky?: boolean;
  columnId: string;
  label: string;
  order: SortOrder;
  align: "left" | "right";
  onSort(columnId: string): void;
}

/** A column header that sorts by its column; aria-sort says which way. */
export function SortHeader({ columnId, label, order, align, onSort, sticky = false }: SortHeaderProps) {
  const active = order.column === columnId;
  const arrow = !active ? "↕" : order.direction === "ascending" ? "↑" : "↓";
  return (
    <th
      scope="col"
      aria-sort={active ? order.direction : "none"}
      className={`px-3 py-2 font-medium whitespace-nowrap ${align === "right" ? "text-right" : "text-left"} ${sticky ? "sticky left-0 bg-white dark:bg-slate-900" : ""}`}
    >
      <button
        type="button"
        onClick={() => onSort(columnId)}
        className={`inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:hover:text-white dark:focus-visible:outline-sky-400 ${align === "right" ? "flex-row-reverse" : ""}`}
      >
        {label}
        <span aria-hidden="true" className={active ? "text-slate-900 dark:text-white" : "text-slate-400 dark:text-slate-500"}>
          {arrow}
        </span>
      </button>
    </th>
  );
}
