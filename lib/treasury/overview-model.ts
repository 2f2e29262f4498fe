/**
 * The all-accounts view as data, pure and client-safe: which accounts of a group it covers (the
 * server's /api/overview asks the same question here), what has arrived of each, and the group's
 * sums. The component renders this; the hook only fetches.
 */
import { isZeroBalance, visibleColumns, type BalanceColumn } from "@/lib/balances/columns";
import type { Account, Balance, BalancesSnapshot } from "@/lib/balances/types";
import type { CsvBalanceRow } from "@/lib/treasury/csv";
import { sumDecimals } from "@/lib/treasury/money";
import { allocation, consolidate, csvRows, type AllocationSlice, type NotionalValue } from "@/lib/treasury/overview";
import { stakedColumn, stakedValueColumn, valuedStakedTotal } from "@/lib/treasury/staking";
import type { ConnectionSubtotal, SkippedAccount, SkipReason, ValuationCurrency, ValuationResponse, ValuedStaking } from "@/lib/treasury/types";
import { accountConnection, accountKey, type ConnectionAccount } from "@/lib/treasury/connection-rows";
import { valueColumn } from "@/lib/treasury/value-column";

/** Gemini exchange balances exist for open exchange accounts only; the rest are named with the reason. */
function skipReason(account: Account): SkipReason | null {
  if (account.type !== "exchange") return "custody";
  if (account.status !== "open") return "closed";
  return null;
}

/** Which accounts of a group the overview covers, in the group's order, and which it leaves out. */
export function overviewScope(accounts: readonly Account[]): { included: Account[]; skipped: SkippedAccount[] } {
  const included: Account[] = [];
  const skipped: SkippedAccount[] = [];
  for (const account of accounts) {
    const reason = skipReason(account);
    if (reason === null) included.push(account);
    else skipped.push({ account: account.account, name: account.name, reason });
  }
  return { included, skipped };
}

/** What has arrived of one included account; a field stays undefined while its answer is on the way. */
export interface AccountReading {
  /** The exchange figures; staking comes apart, valued, in `staking`. */
  balances?: Omit<BalancesSnapshot, "staking">;
  /** `total` is the exchange value only: the staked value is added from `staking`. */
  valuation?: Pick<ValuationResponse, "total"> & { values: readonly NotionalValue[] };
  /** The account's staking valued in the view's currency, or why it has none; counted once balances and valuation are in. */
  staking?: ValuedStaking;
  /** The failure of its balances or, failing that, of its valuation. */
  error?: Error | null;
  /** Read from the store: when Gemini gave these figures (ISO), whether a refresh is on its way, and its failure. */
  stored?: StoredReadingState;
}

export interface StoredReadingState {
  asOf: string | null;
  refreshing: boolean;
  /** Error code of the last refresh, which failed: the figures are the last good ones. */
  refreshError: string | null;
}

export interface OverviewAccountRow {
  account: ConnectionAccount;
  /** The account's exact value (staked value included), once its valuation arrived. */
  total: string | undefined;
  /** Its staking, once its figures arrived: the staked value, or why there is none. */
  staking: ValuedStaking | null;
  error: Error | null;
  stored: StoredReadingState | null;
}

export interface OverviewModel {
  /** Upper-case valuation currency, e.g. "USD". */
  currency: string;
  /** One row per included account, in the group's order. */
  accounts: OverviewAccountRow[];
  skipped: SkippedAccount[];
  /** Included accounts that answered: both figures arrived, or one failed. */
  done: number;
  /** Every included account answered (never for a group with none). */
  complete: boolean;
  /** Accounts with both balances and valuation: what the sums, the allocation and the CSV cover. */
  ready: number;
  /** Exact group total (staked value included), only once every included account is valued. */
  total: string | undefined;
  /** The staked part of `total`. */
  stakedTotal: string | undefined;
  /** Currencies summed across the ready accounts, as table rows; zero rows left out. */
  rows: Balance[];
  /** Summed rows left out because every shown column is zero. */
  hiddenZeroCount: number;
  /** The balances columns for the pending choice, plus the value column. */
  columns: BalanceColumn[];
  slices: AllocationSlice[];
  csvRows: CsvBalanceRow[];
  /** The first account failure, in the group's order, for the error banner. */
  firstError: Error | null;
}

/** A reading that came without staking is shown as "no staking", never as staking nothing. */
const STAKING_NOT_READ: ValuedStaking = { state: "none", reason: "unavailable" };

export function overviewModel({
  accounts,
  readings,
  pending,
  currency,
}: {
  /** The group's accounts, as /api/accounts lists them (each with its connection when there are several). */
  accounts: readonly ConnectionAccount[];
  /** What has arrived, by accountKey (the account id, qualified by its connection when there are several). */
  readings: ReadonlyMap<string, AccountReading>;
  pending: boolean;
  currency: ValuationCurrency;
}): OverviewModel {
  const upper = currency.toUpperCase();
  const { included, skipped } = overviewScope(accounts);
  const loaded = included.map((account) => ({ account, ...readings.get(accountKey(account)) }));
  const done = loaded.filter((entry) => (entry.balances && entry.valuation) || entry.error).length;
  const complete = included.length > 0 && done === included.length;
  const ready = loaded.flatMap(({ account, balances, valuation, staking }) =>
    balances && valuation ? [{ account, balances, valuation, staking: staking ?? STAKING_NOT_READ, stakedTotal: valuedStakedTotal(staking) }] : [],
  );

  const consolidated = consolidate(
    ready.map(({ balances, valuation, staking }) => ({ balances: balances.balances, values: valuation.values, staking })),
    pending,
  );
  const summed = consolidated.map(({ currency: code, amount, available, availableForWithdrawal, pendingDeposit, pendingWithdrawal }): Balance => ({
    type: "exchange",
    currency: code,
    amount,
    available,
    availableForWithdrawal,
    ...(pendingDeposit === undefined ? {} : { pendingDeposit }),
    ...(pendingWithdrawal === undefined ? {} : { pendingWithdrawal }),
  }));
  const stakedSums = consolidated.flatMap(({ currency: code, staked, stakedValue }) =>
    staked === undefined ? [] : [{ currency: code, balance: staked, value: stakedValue ?? null }],
  );
  const columns = [
    ...visibleColumns(pending),
    valueColumn(new Map(consolidated.map((row) => [row.currency, row.value])), upper),
    stakedColumn({ state: "staked", balances: stakedSums }),
    stakedValueColumn(new Map(stakedSums.flatMap((row) => (row.value === null ? [] : [[row.currency, row.value]]))), upper),
  ];
  const rows = summed.filter((row) => !isZeroBalance(row, columns));
  const totals = new Map(ready.map((entry) => [accountKey(entry.account), sumDecimals([entry.valuation.total, entry.stakedTotal])]));
  const whole = complete && ready.length === included.length;

  return {
    currency: upper,
    accounts: loaded.map(({ account, valuation, error, stored }) => {
      const entry = ready.find((candidate) => candidate.account === account);
      // Not ready (its balances, and so its staking, failed): the exchange value alone, as it came.
      const total = totals.get(accountKey(account)) ?? valuation?.total;
      return { account, total, staking: entry?.staking ?? null, error: error ?? null, stored: stored ?? null };
    }),
    skipped,
    done,
    complete,
    ready: ready.length,
    total: whole ? sumDecimals(totals.values()) : undefined,
    stakedTotal: whole ? sumDecimals(ready.map((entry) => entry.stakedTotal)) : undefined,
    rows,
    hiddenZeroCount: summed.length - rows.length,
    columns,
    slices: allocation([
      ...consolidated.map((row) => ({ currency: row.currency, value: row.value })),
      ...stakedSums.flatMap((row) => (row.value === null ? [] : [{ currency: `${row.currency} staked`, value: row.value }])),
    ]),
    csvRows: ready.flatMap(({ account, balances, valuation, staking }) => csvRows(accountKey(account), balances, valuation.values, staking)),
    firstError: loaded.find((entry) => entry.error)?.error ?? null,
  };
}

/**
 * Each connection's account count and subtotal, in the order given (the By connection table);
 * a subtotal stays null until every one of that connection's accounts has a value.
 */
export function connectionSubtotals(accounts: readonly OverviewAccountRow[], labels: readonly string[]): ConnectionSubtotal[] {
  return labels.map((label) => {
    const own = accounts.filter((row) => accountConnection(row.account) === label);
    const totals = own.flatMap((row) => (row.total === undefined ? [] : [row.total]));
    return { label, accounts: own.length, total: own.length > 0 && totals.length === own.length ? sumDecimals(totals) : null };
  });
}
