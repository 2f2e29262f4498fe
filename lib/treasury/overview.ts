/** Pure, client-safe: per-account totals, the group's consolidated rows, allocation and CSV rows. */
import type { Balance } from "@/lib/balances/types";
import type { CsvBalanceRow } from "@/lib/treasury/csv";
import { compareDecimals } from "@/lib/balances/format";
import { percentOf, shareOf, sumDecimals } from "@/lib/treasury/money";
import { noStakingText, stakedByCurrency, withStakedCurrencies } from "@/lib/treasury/staking";
import type { ConsolidatedBalance, NotionalBalance, ValuedStaking } from "@/lib/treasury/types";

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
  /** Summed apart from the exchange figures, into `staked` and `stakedValue`. */
  staking?: ValuedStaking;
}

interface CurrencyGroup {
  balances: Balance[];
  values: string[];
  staked: string[];
  stakedValues: string[];
  accounts: Set<number>;
}

/**
 * Sums each currency across accounts; pending columns only when asked for; staked sums apart
 * (a currency held only staked gets zero exchange sums). Largest value first.
 */
export function consolidate(accounts: readonly AccountHoldings[], pending: boolean): ConsolidatedBalance[] {
  const groups = new Map<string, CurrencyGroup>();
  const groupOf = (currency: string) => {
    const group = groups.get(currency) ?? { balances: [], values: [], staked: [], stakedValues: [], accounts: new Set<number>() };
    groups.set(currency, group);
    return group;
  };
  accounts.forEach(({ balances, values, staking }, index) => {
    const value = valueByCurrency(values);
    for (const balance of balances) {
      const group = groupOf(balance.currency);
      group.balances.push(balance);
      group.accounts.add(index);
      const notional = value.get(balance.currency);
      if (notional !== undefined) group.values.push(notional);
    }
    for (const row of stakedByCurrency(staking).values()) {
      const group = groupOf(row.currency);
      group.staked.push(row.balance);
      group.accounts.add(index);
      if (row.value !== null) group.stakedValues.push(row.value);
    }
  });
  const rows = [...groups].map(([currency, group]): ConsolidatedBalance => {
    const sum = (pick: (balance: Balance) => string | undefined) =>
      sumDecimals(group.balances.flatMap((balance) => pick(balance) ?? []));
    const row: ConsolidatedBalance = {
      currency,
      amount: sum((balance) => balance.amount),
      available: sum((balance) => balance.available),
      availableForWithdrawal: sum((balance) => balance.availableForWithdrawal),
      value: sumDecimals(group.values),
      accounts: group.accounts.size,
    };
    if (pending) {
      row.pendingDeposit = sum((balance) => balance.pendingDeposit);
      row.pendingWithdrawal = sum((balance) => balance.pendingWithdrawal);
    }
    if (group.staked.length > 0) {
      row.staked = sumDecimals(group.staked);
      // Without a price anywhere the value is unknown, not zero.
      if (group.stakedValues.length > 0) row.stakedValue = sumDecimals(group.stakedValues);
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
 * every staked currency has a row, its staked balance and value in columns of their own; an
 * account without staked figures says why in its staked cells.
 */
export function csvRows(
  account: string | null,
  snapshot: { timestamp: string | null; balances: readonly Balance[] },
  values: readonly NotionalValue[] | undefined,
  staking?: ValuedStaking,
): CsvBalanceRow[] {
  const value = valueByCurrency(values);
  const stakedRows = stakedByCurrency(staking);
  const stakedText = staking ? noStakingText(staking) : null;
  const balances = staking ? withStakedCurrencies(snapshot.balances, staking) : snapshot.balances;
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
    if (stakedRow?.value != null) row.stakedValue = stakedRow.value;
    if (stakedText !== null) row.stakedText = stakedText;
    return row;
  });
}
