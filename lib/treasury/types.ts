/** The treasury view's shapes, as the JSON API returns them. Client-safe; amounts are exact decimal strings. */
import type { Balance, BalanceAmounts } from "@/lib/balances/types";
import type { KeyRoles, NotionalBalance } from "@/lib/gemini/types";

// Gemini's notional values and key roles as lib/gemini reshapes them (type-only: this file stays client-safe).
export type { KeyRoles, NotionalBalance } from "@/lib/gemini/types";

/** The fiat currencies the dashboard values balances in (Gemini's POST /v1/notionalbalances/{currency}), lower-case as in its path. */
export const VALUATION_CURRENCIES = ["usd", "eur", "gbp", "sgd"] as const;
export type ValuationCurrency = (typeof VALUATION_CURRENCIES)[number];
export const DEFAULT_VALUATION_CURRENCY: ValuationCurrency = "usd";

/** Fiat values are floored to cents for display. */
export const VALUE_DISPLAY_DECIMALS = 2;

export interface ValuationResponse {
  account: string | null;
  /** Upper-case code of the valuation currency, e.g. "USD". */
  currency: string;
  /** Exact sum of every `amountNotional`. */
  total: string;
  /** Exact sum of every `availableNotional`. */
  totalAvailable: string;
  values: NotionalBalance[];
  /**
   * Unit prices in this currency by currency code (Gemini's public price feed), to value staked
   * balances, which notional values leave out; null when the feed could not be read.
   */
  prices: Record<string, string> | null;
}

export interface RolesResponse {
  roles: KeyRoles;
}

/** One currency summed over every open exchange account of the group. */
export interface ConsolidatedBalance extends BalanceAmounts {
  /** Sum of the accounts' notional values of this currency. */
  value: string;
  /** How many accounts hold this currency (a zero balance counts). */
  accounts: number;
}

export interface OverviewAccount {
  account: string;
  name: string;
  /** Gemini's `_timestamp` of this account's balances, exactly as sent. */
  timestamp: string | null;
  /** Exact sum of this account's notional values. */
  total: string;
  balances: Balance[];
  values: NotionalBalance[];
}

/** Why an account of the group is left out of the overview. */
export type SkipReason = "closed" | "custody";

export interface SkippedAccount {
  account: string;
  name: string;
  reason: SkipReason;
}

export interface OverviewResponse {
  currency: string;
  pending: boolean;
  /** Exact sum over all accounts. */
  total: string;
  accounts: OverviewAccount[];
  /** Accounts of the group left out, and why. */
  skipped: SkippedAccount[];
  consolidated: ConsolidatedBalance[];
}
