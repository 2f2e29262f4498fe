/**
 * Staked holdings beside the exchange balances: their rows, columns and value. Pure and
 * client-safe; the server's totals and CSV and the browser's table use these same functions.
 * A staked amount is its own figure: it is never added to `available` or `availableForWithdrawal`.
 */
import Big from "big.js";
import type { BalanceColumn } from "@/lib/balances/columns";
import { currencyInfo } from "@/lib/balances/currencies";
import type { Balance, Staking, StakingBalance } from "@/lib/balances/types";
import { sumDecimals } from "@/lib/treasury/money";
import { VALUE_DISPLAY_DECIMALS } from "@/lib/treasury/types";

/** What a Staked cell says for an account whose staking could not be read. */
export const NO_STAKING_TEXT = "no staking";

/** Why, in a sentence, for the note under the table. */
export function noStakingMessage(staking: Staking): string | null {
  if (staking.state === "staked") return null;
  return staking.reason === "not_permitted"
    ? "No staking: this API key may not read staking balances, so staked amounts are not shown or counted."
    : "No staking: Gemini did not answer staking balances for this account, so staked amounts are not shown or counted.";
}

/** Staked rows by currency code (upper-case); empty for an account without staking. */
export function stakedByCurrency(staking: Staking | undefined): Map<string, StakingBalance> {
  if (!staking || staking.state !== "staked") return new Map();
  return new Map(staking.balances.map((row) => [row.currency, row]));
}

/**
 * The exchange rows plus a zero row for each currency held only staked, so every staked
 * currency has a line of the table (its exchange figures are truly zero).
 */
export function withStakedCurrencies(balances: readonly Balance[], staking: Staking | undefined): Balance[] {
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
export function stakedColumn(staking: Staking): BalanceColumn {
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

/** "Staked value (USD)": each staked balance at the price feed's price, floored to cents on screen. */
export function stakedValueColumn(staking: Staking, prices: Readonly<Record<string, string>> | null, currency: string): BalanceColumn {
  const values = stakedValues(staking, prices);
  return {
    id: "stakedValue",
    header: `Staked value (${currency})`,
    value: (balance) => values.get(balance.currency) ?? null,
    decimals: () => VALUE_DISPLAY_DECIMALS,
    unit: () => `in ${currency}, staked`,
  };
}
