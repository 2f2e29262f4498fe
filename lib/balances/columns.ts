import { currencyInfo } from "@/lib/balances/currencies";
import { compareDecimals, isZero } from "@/lib/balances/format";
import type { Balance } from "@/lib/balances/types";

/**
 * The balances table's columns, in order: the one place a column is defined. A new column (a USD
 * value, say) is one more entry here; the table, sorting and zero-hiding read this list.
 */
export interface BalanceColumn {
  id: string;
  header: string;
  /** The cell's exact decimal text, or null when the row has none. */
  value(balance: Balance): string | null;
  /** Decimals the cell shows, floored. */
  decimals(balance: Balance): number;
  /** The unit named next to the exact value (for the tooltip and screen readers). */
  unit(balance: Balance): string;
  /** Shown only with "Show pending balances" on. */
  pendingOnly?: boolean;
  /** A change rather than a holding: shown with its sign ("+1.50", "−0.25"). */
  signed?: boolean;
  /** Shown, in words, in a cell without a value (default: a dash, read as "none"). */
  emptyText?: string;
}

const ownCurrency = {
  decimals: (balance: Balance) => currencyInfo(balance.currency).decimals,
  unit: (balance: Balance) => balance.currency,
};

export const AMOUNT_COLUMNS: readonly BalanceColumn[] = [
  { id: "amount", header: "Amount", value: (balance) => balance.amount, ...ownCurrency },
  { id: "available", header: "Available", value: (balance) => balance.available, ...ownCurrency },
  {
    id: "availableForWithdrawal",
    header: "Available for withdrawal",
    value: (balance) => balance.availableForWithdrawal,
    ...ownCurrency,
  },
  { id: "pendingDeposit", header: "Pending deposit", value: (balance) => balance.pendingDeposit ?? null, pendingOnly: true, ...ownCurrency },
  {
    id: "pendingWithdrawal",
    header: "Pending withdrawal",
    value: (balance) => balance.pendingWithdrawal ?? null,
    pendingOnly: true,
    ...ownCurrency,
  },
];

export const CURRENCY_COLUMN_ID = "currency";

export function visibleColumns(pending: boolean): BalanceColumn[] {
  return AMOUNT_COLUMNS.filter((column) => pending || !column.pendingOnly);
}

export type SortDirection = "ascending" | "descending";
export interface SortOrder {
  column: string;
  direction: SortDirection;
}

/** Currencies A-Z until the user picks a column. */
export const DEFAULT_SORT: SortOrder = { column: CURRENCY_COLUMN_ID, direction: "ascending" };

/** Sorted exactly (decimal text, never floats); ties and missing values keep currency order. */
export function sortBalances(balances: readonly Balance[], order: SortOrder, columns: readonly BalanceColumn[]): Balance[] {
  const sign = order.direction === "ascending" ? 1 : -1;
  const byCurrency = (a: Balance, b: Balance) => a.currency.localeCompare(b.currency);
  const column = columns.find((candidate) => candidate.id === order.column);
  return [...balances].sort((a, b) => {
    if (!column) return sign * byCurrency(a, b);
    const compared = compareDecimals(column.value(a) ?? "0", column.value(b) ?? "0");
    return compared === 0 ? byCurrency(a, b) : sign * compared;
  });
}

/** A zero balance: nothing in any of the columns shown. Dust (below display precision) is not zero. */
export function isZeroBalance(balance: Balance, columns: readonly BalanceColumn[]): boolean {
  return columns.every((column) => isZero(column.value(balance) ?? undefined));
}
