/**
 * Staked holdings beside the exchange balances: their rows, columns and value. Pure and
 * client-safe; the server's totals and CSV and the browser's table use these same functions.
 * A staked amount is its own figure: it is never added to `available` or `availableForWithdrawal`.
 */
import Big from "big.js";
import type { BalanceColumn } from "@/lib/balances/columns";
import { currencyInfo } from "@/lib/balances/currencies";
import type { Balance, Staking } from "@/lib/balances/types";
import { sumDecimals } from "@/lib/treasury/money";
import { VALUE_DISPLAY_DECIMALS, type ValuedStaking } from "@/lib/treasury/types";

/** What a Staked cell says for an account whose staking could not be read. */
export const NO_STAKING_TEXT = "no staking";
/** ... and for one read from a snapshot taken before snapshots recorded staking: unknown, not zero. */
export const NOT_RECORDED_TEXT = "not recorded";

/** The Staked cell's words for an account without staked figures; null when it has them. */
export function noStakingText(staking: ValuedStaking): string | null {
  if (staking.state === "staked") return null;
  return staking.reason === "not_recorded" ? NOT_RECORDED_TEXT : NO_STAKING_TEXT;
}

/** Staking as read from Gemini, each row valued at `prices` (null: the feed failed, nothing valued). */
export function valueStaking(staking: Staking, prices: Readonly<Record<string, string>> | null | undefined): ValuedStaking {
  if (staking.state === "none") return { state: "none", reason: staking.reason };
  const values = stakedValues(staking, prices);
  return {
    state: "staked",
    balances: staking.balances.map((row) => ({ currency: row.currency, balance: row.balance, value: values.get(row.currency) ?? null })),
  };
}

/** The exact value of an account's priced staked rows; "0" without any. */
export function valuedStakedTotal(staking: ValuedStaking | undefined): string {
  if (staking?.state !== "staked") return "0";
  return sumDecimals(staking.balances.flatMap((row) => (row.value === null ? [] : [row.value])));
}

/** Why, in a sentence, for the note under the table. */
export function noStakingMessage(staking: Staking): string | null {
  if (staking.state === "staked") return null;
  return staking.reason === "not_permitted"
    ? "No staking: this API key may not read staking balances, so staked amounts are not shown or counted."
    : "No staking: Gemini did not answer staking balances for this account, so staked amounts are not shown or counted.";
}

/** Staked rows by currency code (upper-case); empty for an account without staking. */
export function stakedByCurrency<Row extends { currency: string }>(
  staking: { state: "staked"; balances: readonly Row[] } | { state: "none" } | undefined,
): Map<string, Row> {
  if (!staking || staking.state !== "staked") return new Map();
  return new Map(staking.balances.map((row) => [row.currency, row]));
}

/**
 * The exchange rows plus a zero row for each currency held only staked, so every staked
 * currency has a line of the table (its exchange figures are truly zero).
 */
export function withStakedCurrencies(
  balances: readonly Balance[],
  staking: { state: "staked"; balances: readonly { currency: string }[] } | { state: "none" } | undefined,
): Balance[] {
  const held = new Set(balances.map((balance) => balance.currency));
  const stakedOnly = [...stakedByCurrency(staking).values()].filter((row) => !held.has(row.currency));
  return [
    ...balances,
    ...stakedOnly.map((row): Balance => ({ type: "exchange", currency: row.currency, amount: "0", available: "0", availableForWithdrawal: "0" })),
  ];
}

/** Unit prices in one fiat currency by currency code, from the price feed's pairs ("ETHUSD" -> ETH). */
export function pricesIn(pairs: readonly { pair: string; price: string }[], quote: string): Record<string, string> {
  const suffix = quote.toUpperCase();
  const prices: Record<string, string> = { [suffix]: "1" };
  for (const { pair, price } of pairs) {
    if (pair.endsWith(suffix) && pair.length > suffix.length) prices[pair.slice(0, -suffix.length)] = price;
  }
  return prices;
}

/** Each staked currency's exact value (balance x unit price); a currency without a price is left out. */
export function stakedValues(staking: Staking | undefined, prices: Readonly<Record<string, string>> | null | undefined): Map<string, string> {
  const values = new Map<string, string>();
  if (!prices) return values;
  for (const row of stakedByCurrency(staking).values()) {
    const price = prices[row.currency];
    if (price !== undefined) values.set(row.currency, new Big(row.balance).times(price).toFixed());
  }
  return values;
}

/** The exact value of everything staked that has a price; "0" when nothing is. */
export function stakedTotal(staking: Staking | undefined, prices: Readonly<Record<string, string>> | null | undefined): string {
  return sumDecimals(stakedValues(staking, prices).values());
}

/** Currencies staked but without a price: their value is not in any total. */
export function unpricedStaked(staking: Staking | undefined, prices: Readonly<Record<string, string>> | null | undefined): string[] {
  const values = stakedValues(staking, prices);
  return [...stakedByCurrency(staking).keys()].filter((currency) => !values.has(currency));
}

/** Staked values as allocation entries, named apart from the exchange holding ("ETH staked"). */
export function stakedSlices(staking: Staking | undefined, prices: Readonly<Record<string, string>> | null | undefined): { currency: string; value: string }[] {
  return [...stakedValues(staking, prices)].map(([currency, value]) => ({ currency: `${currency} staked`, value }));
}

export const STAKED_COLUMN_ID = "staked";

/** "Staked": the staked balance of each currency; "no staking" when the account's staking could not be read. */
export function stakedColumn(staking: { state: "staked"; balances: readonly { currency: string; balance: string }[] } | { state: "none" }): BalanceColumn {
  const rows = stakedByCurrency(staking);
  return {
    id: STAKED_COLUMN_ID,
    header: "Staked",
    value: (balance) => rows.get(balance.currency)?.balance ?? null,
    decimals: (balance) => currencyInfo(balance.currency).decimals,
    unit: (balance) => `${balance.currency} staked`,
    ...(staking.state === "none" ? { emptyText: NO_STAKING_TEXT } : {}),
  };
}

/** "Staked value (USD)": each staked currency's value (stakedValues), floored to cents on screen. */
export function stakedValueColumn(values: ReadonlyMap<string, string>, currency: string): BalanceColumn {
  return {
    id: "stakedValue",
    header: `Staked value (${currency})`,
    value: (balance) => values.get(balance.currency) ?? null,
    decimals: () => VALUE_DISPLAY_DECIMALS,
    unit: () => `in ${currency}, staked`,
  };
}
