"use client";

import { useState, type ClipboardEvent } from "react";
import { AmountCell } from "@/components/shared/amount-cell";
import { SortHeader } from "@/components/shared/sort-header";
import { CURRENCY_COLUMN_ID, DEFAULT_SORT, sortBalances, type BalanceColumn, type SortOrder } from "@/lib/balances/columns";
import { currencyInfo } from "@/lib/balances/currencies";
import type { Balance } from "@/lib/balances/types";

interface BalancesTableProps {
  balances: readonly Balance[];
  columns: readonly BalanceColumn[];
  caption: string;
}

function exactCell(node: Node | null): HTMLElement | null {
  const element = node instanceof HTMLElement ? node : (node?.parentElement ?? null);
  return element?.closest<HTMLElement>("[data-exact]") ?? null;
}

/** Copy inside one figure (a selection in it, or the focused cell) takes the exact value. */
function copyExact(event: ClipboardEvent<HTMLTableElement>): void {
  const selection = window.getSelection();
  let cell: HTMLElement | null;
  if (selection && !selection.isCollapsed) {
    const start = exactCell(selection.anchorNode);
    cell = start && start === exactCell(selection.focusNode) ? start : null;
  } else {
    cell = exactCell(document.activeElement);
  }
  const exact = cell?.dataset.exact;
  if (!exact) return;
  event.clipboardData.setData("text/plain", exact);
  event.preventDefault();
}

function nextOrder(order: SortOrder, column: string): SortOrder {
  if (order.column !== column) return { column, direction: column === CURRENCY_COLUMN_ID ? "ascending" : "descending" };
  return { column, direction: order.direction === "ascending" ? "descending" : "ascending" };
}

export function BalancesTable({ balances, columns, caption }: BalancesTableProps) {
  const [order, setOrder] = useState<SortOrder>(DEFAULT_SORT);
  const sort = (column: string) => setOrder((current) => nextOrder(current, column));
  const rows = sortBalances(balances, order, columns);

  return (
    <table onCopy={copyExact} className="w-full min-w-max border-collapse text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase dark:border-slate-700 dark:text-slate-400">
        <tr>
          <SortHeader columnId={CURRENCY_COLUMN_ID} label="Currency" order={order} align="left" onSort={sort} sticky />
          {columns.map((column) => (
            <SortHeader key={column.id} columnId={column.id} label={column.header} order={order} align="right" onSort={sort} />
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {rows.map((balance) => (
          <tr key={balance.currency} className="group/row hover:bg-slate-50 dark:hover:bg-slate-800">
            {/* Sticky, so a phone scrolling sideways still sees which currency a figure belongs to. */}
            <th
              scope="row"
              className="sticky left-0 bg-white px-3 py-2 text-left font-normal whitespace-nowrap group-hover/row:bg-slate-50 dark:bg-slate-900 dark:group-hover/row:bg-slate-800"
            >
              <span className="font-semibold text-slate-900 dark:text-slate-50">{balance.currency}</span>{" "}
              <span className="block text-xs text-slate-500 sm:ml-1 sm:inline sm:text-sm dark:text-slate-400">{currencyInfo(balance.currency).name}</span>
            </th>
            {columns.map((column) => (
              <AmountCell
                key={column.id}
                value={column.value(balance)}
                decimals={column.decimals(balance)}
                unit={column.unit(balance)}
                signed={column.signed}
                emptyText={column.emptyText}
              />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
