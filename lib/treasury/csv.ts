/**
 * Balances as CSV (RFC 4180), built from the exact strings the exchange sent. Client-safe: the
 * dashboard's export button and GET /api/balances.csv use this one builder, so they always agree.
 */
import type { BalanceAmounts } from "@/lib/balances/types";

/** One CSV row: one currency of one account. `account` is null for an account-scoped key. */
export interface CsvBalanceRow extends BalanceAmounts {
  account: string | null;
  /** Notional value in the valuation currency, exactly as Gemini sent it. */
  value?: string;
  /** Staked balance of the currency (apart from the exchange figures, never in them). */
  staked?: string;
  /** Its value in the valuation currency at the price feed's price. */
  stakedValue?: string;
  /** Why this row's account has no staked figures ("no staking", "not recorded"): the staked cell says so. */
  stakedText?: string;
  /** Gemini's `_timestamp` of the balances, exactly as sent. */
  timestamp: string | null;
}

export interface CsvOptions {
  pending: boolean;
  /** Upper-case valuation currency (e.g. "USD") to add a value column, or null for none. */
  valuationCurrency: string | null;
  /** Adds `staked` (and `stakedValue<CUR>` with a valuation currency); a row's `stakedText` says why it has none. */
  staking?: boolean;
}

const LINE_END = "\r\n";
const NEEDS_QUOTES = /[",\r\n]/;
// A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** A text cell: formula-looking text is prefixed with ' and quotes are doubled where needed. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A number cell: exact decimal text passes unchanged (a leading minus is a number, not a formula). */
export function csvDecimal(value: string | null | undefined): string {
  if (value === undefined || value === null) return "";
  return PLAIN_DECIMAL.test(value) ? value : csvText(value);
}

function csvHeader({ pending, valuationCurrency, staking }: CsvOptions): string[] {
  return [
    "account",
    "currency",
    "amount",
    "available",
    "availableForWithdrawal",
    ...(pending ? ["pendingDeposit", "pendingWithdrawal"] : []),
    ...(valuationCurrency ? [`value${valuationCurrency}`] : []),
    ...(staking ? ["staked", ...(valuationCurrency ? [`stakedValue${valuationCurrency}`] : [])] : []),
    "_timestamp",
  ];
}

/** One CSV line from cells already made safe by csvText or csvDecimal, ending in CRLF (a streamed export writes these). */
export function csvLine(cells: readonly string[]): string {
  return cells.join(",") + LINE_END;
}

/** A whole CSV document from cells already made safe by csvText or csvDecimal: CRLF after every line. */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map(csvLine).join("");
}

export function balancesCsv(rows: readonly CsvBalanceRow[], options: CsvOptions): string {
  return csvDocument(
    csvHeader(options),
    rows.map((row) => [
      csvText(row.account ?? ""),
      csvText(row.currency),
      csvDecimal(row.amount),
      csvDecimal(row.available),
      csvDecimal(row.availableForWithdrawal),
      ...(options.pending ? [csvDecimal(row.pendingDeposit), csvDecimal(row.pendingWithdrawal)] : []),
      ...(options.valuationCurrency ? [csvDecimal(row.value)] : []),
      ...stakingCells(row, options),
      csvText(row.timestamp ?? ""),
    ]),
  );
}

function stakingCells(row: CsvBalanceRow, { staking, valuationCurrency }: CsvOptions): string[] {
  if (!staking) return [];
  const staked = row.stakedText !== undefined ? csvText(row.stakedText) : csvDecimal(row.staked ?? "0");
  return [staked, ...(valuationCurrency ? [csvDecimal(row.stakedValue)] : [])];
}

/** e.g. gemini-balances-treasury-20261126T163005Z.csv; `scope` is an account name or "all-accounts". */
export function csvFilename(scope: string | null, at: Date): string {
  const stamp = at.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
  const safeScope = (scope ?? "account-key").replace(/[^A-Za-z0-9_-]/g, "_");
  return `gemini-balances-${safeScope}-${stamp}.csv`;
}
