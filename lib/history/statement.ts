/** The statement page's model: a snapshot's rows grouped by account, with totals. Client-safe. */
import { sumDecimals } from "@/lib/treasury/money";
import type { BalanceRowJson, AccountOutcomeJson, SnapshotStakedJson, StatementJson } from "@/lib/snapshots/types";

export interface StatementAccountSection extends AccountOutcomeJson {
  rows: BalanceRowJson[];
  /** Its staked balances, apart from `rows` (never in their amounts). */
  staked: SnapshotStakedJson[];
  /** Exact sum of the rows' and staked rows' USD values; null when one has none or the account failed. */
  totalUsd: string | null;
}

/** What a statement says of an account's staking when it holds no staked rows; null when there is nothing to say. */
export function stakingNote(staking: AccountOutcomeJson["staking"]): string | null {
  if (staking === "not_permitted") return "No staking: this API key could not read staking balances.";
  if (staking === "unavailable") return "No staking: Gemini did not answer staking balances for this account.";
  if (staking === null) return "Staking not recorded in this snapshot.";
  return null;
}

const byCurrency = <T extends { currency: string }>(rows: T[]) => rows.sort((a, b) => a.currency.localeCompare(b.currency));

/** Every account of the snapshot in the order the API lists them, failed ones included (never silently missing). */
export function statementSections(statement: StatementJson): StatementAccountSection[] {
  return statement.accounts.map((account) => {
    const rows = byCurrency(statement.balances.filter((row) => row.account === account.account));
    const staked = byCurrency(statement.staked.filter((row) => row.account === account.account));
    const values = [...rows.map((row) => row.valueUsd), ...staked.map((row) => row.valueUsd)];
    const totalUsd = account.status === "ok" && values.every((value) => value !== null) ? sumDecimals(values as string[]) : null;
    return { ...account, rows, staked, totalUsd };
  });
}

/** The totals per currency, A-Z. */
export function statementTotals(statement: StatementJson): { currency: string; amount: string; valueUsd: string | null }[] {
  return Object.entries(statement.totals)
    .map(([currency, total]) => ({ currency, ...total }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

/** The staked totals per currency, A-Z (apart from statementTotals). */
export function statementStakedTotals(statement: StatementJson): { currency: string; amount: string; valueUsd: string | null }[] {
  return Object.entries(statement.stakedTotals)
    .map(([currency, total]) => ({ currency, ...total }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

/** The stored rows as the balances table shows them (pending figures absent rather than null). */
export function asTableBalance(row: BalanceRowJson) {
  return {
    currency: row.currency,
    type: "exchange",
    amount: row.amount,
    available: row.available,
    availableForWithdrawal: row.availableForWithdrawal,
    ...(row.pendingDeposit === null ? {} : { pendingDeposit: row.pendingDeposit }),
    ...(row.pendingWithdrawal === null ? {} : { pendingWithdrawal: row.pendingWithdrawal }),
  };
}

/** `?at=` with `connection=` when one is named (null: the default connection, and the address it always had). */
function statementSearch(at: string, connection: string | null): URLSearchParams {
  const params = new URLSearchParams({ at });
  if (connection !== null) params.set("connection", connection);
  return params;
}

/** Where the JSON and the CSV of a statement are. */
export function statementApiPath(at: string, account: string | null = null, connection: string | null = null): string {
  const params = statementSearch(at, connection);
  if (account !== null) params.set("account", account);
  return `/api/statement?${params}`;
}

export function statementCsvPath(at: string, connection: string | null = null): string {
  return `/api/statement.csv?${statementSearch(at, connection)}`;
}

export function statementPagePath(at: string, connection: string | null = null): string {
  return `/statement?${statementSearch(at, connection)}`;
}
