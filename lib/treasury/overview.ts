/** Pure, client-safe: per-account totals, the group's consolidated rows, allocation and CSV rows. */
import type { Balance, Staking } from "@/lib/balances/types";
import type { CsvBalanceRow } from "@/lib/treasury/csv";
import { compareDecimals } from "@/lib/balances/format";
import { percentOf, shareOf, sumDecimals } from "@/lib/treasury/money";
import { stakedByCurrency, stakedValues, withStakedCurrencies } from "@/lib/treasury/staking";
import type { ConsolidatedBalance, NotionalBalance } from "@/lib/treasury/types";

export function valuationTotals(values: readonly NotionalBalance[]): { total: string; totalAvailable: string } {
  return {
    total: sumDecimals(values.map((value) => value.amountNotional)),
    totalAvailable: sumDecimals(values.map((value) => value.availableNotional)),
  };
}

/** Notional value per currency code, for joining a valuation onto balances rows. */
export function valueByCurrency(values: readonly NotionalValue[] | undefined): Map<string, string> {
  return new Map((values ?? []).map((value) => [value.currency.toUpperCase(), value.amountNotional]));
}

/** What the sums need of a notional balance: the stored view has only this. */
export type NotionalValue = Pick<NotionalBalance, "currency" | "amountNotional">;

export interface AccountHoldings {
  balances: readonly Balance[];
  values: readonly NotionalValue[];
}

/** Sums each currency across accounts; pending columns only when asked for. Largest value first. */
export function consolidate(accounts: readonly AccountHoldings[], pending: boolean): ConsolidatedBalance[] {
  const groups = new Map<string, { balances: Balance[]; values: string[] }>();
  for (const { balances, values } of accounts) {
    const value = valueByCurrency(values);
    for (const balance of balances) {
      const group = groups.get(balance.currency) ?? { balances: [], values: [] };
      group.balances.push(balance);
      const notional = value.get(balance.currency);
      if (notional !== undefined) group.values.push(notional);
      groups.set(balance.currency, group);
    }
  }
  const rows = [...groups].map(([currency, group]): ConsolidatedBalance => {
    const sum = (pick: (balance: Balance) => string | undefined) =>
      sumDecimals(group.balances.flatMap((balance) => pick(balance) ?? []));
    const row: ConsolidatedBalance = {
      currency,
      amount: sum((balance) => balance.amount),
      available: sum((balance) => balance.available),
      availableForWithdrawal: sum((balance) => balance.availableForWithdrawal),
      value: sumDecimals(group.values),
      accounts: group.balances.length,
    };
    if (pending) {
      row.pendingDeposit = sum((balance) => balance.pendingDeposit);
      row.pendingWithdrawal = sum((balance) => balance.pendingWithdrawal);
    }
    return row;
  });
  return rows.sort((a, b) => compareDecimals(b.value, a.value) || a.currency.localeCompare(b.currency));
}

export interface AllocationSlice {
  currency: string;
  /** Exact notional value. */
  value: string;
  /** Fraction of the total, 0..1: for chart geometry only, never for money. */
  share: number;
  /** Share as a percentage with one decimal, computed exactly: "41.2". */
  percent: string;
}

const PERCENT_DECIMALS = 1;

/** Each currency's share of the total value, largest first; zero values left out. */
export function allocation(values: readonly { currency: string; value: string }[]): AllocationSlice[] {
  const merged = new Map<string, string[]>();
  for (const { currency, value } of values) merged.set(currency, [...(merged.get(currency) ?? []), value]);
  const slices = [...merged].map(([currency, parts]) => ({ currency, value: sumDecimals(parts) }));
  const positive = slices.filter((slice) => compareDecimals(slice.value, "0") > 0);
  const total = sumDecimals(positive.map((slice) => slice.value));
  return positive
    .map((slice) => ({ ...slice, share: shareOf(slice.value, total), percent: percentOf(slice.value, total, PERCENT_DECIMALS) }))
    .sort((a, b) => compareDecimals(b.value, a.value) || a.currency.localeCompare(b.currency));
}

/**
 * One account's balances as CSV rows, with the notional value joined in when known. With staking,
 * every staked currency has a row, its staked balance and value in columns of their own.
 */
export function csvRows(
  account: string | null,
  snapshot: { timestamp: string | null; balances: readonly Balance[] },
  values: readonly NotionalValue[] | undefined,
  staked?: { staking: Staking; prices: Readonly<Record<string, string>> | null },
): CsvBalanceRow[] {
  const value = valueByCurrency(values);
  const stakedRows = stakedByCurrency(staked?.staking);
  const stakedValue = stakedValues(staked?.staking, staked?.prices);
  const balances = staked ? withStakedCurrencies(snapshot.balances, staked.staking) : snapshot.balances;
  return balances.map((balance) => {
    const row: CsvBalanceRow = {
      account,
      currency: balance.currency,
      amount: balance.amount,
      available: balance.available,
      availableForWithdrawal: balance.availableForWithdrawal,
      timestamp: snapshot.timestamp,
    };
    if (balance.pendingDeposit !== undefined) row.pendingDeposit = balance.pendingDeposit;
    if (balance.pendingWithdrawal !== undefined) row.pendingWithdrawal = balance.pendingWithdrawal;
    const notional = value.get(balance.currency);
    if (notional !== undefined) row.value = notional;
    const stakedRow = stakedRows.get(balance.currency);
    if (stakedRow !== undefined) row.staked = stakedRow.balance;
    const stakedWorth = stakedValue.get(balance.currency);
    if (stakedWorth !== undefined) row.stakedValue = stakedWorth;
    return row;
  });
}
