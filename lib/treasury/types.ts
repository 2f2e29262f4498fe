/** The treasury view's shapes, as the JSON API returns them. Client-safe; amounts are exact decimal strings. */
import type { Balance, BalanceAmounts } from "@/lib/balances/types";

/** Fiat currencies Gemini values balances in (POST /v1/notionalbalances/{currency}), lower-case as in its path. */
export const VALUATION_CURRENCIES = ["usd", "eur", "gbp", "sgd"] as const;
export type ValuationCurrency = (typeof VALUATION_CURRENCIES)[number];
export const DEFAULT_VALUATION_CURRENCY: ValuationCurrency = "usd";

/** Fiat values are floored to cents for display. */
export const VALUE_DISPLAY_DECIMALS = 2;

/** One currency of an account, with Gemini's notional values in the valuation currency. */
export interface NotionalBalance {
  currency: string;
  amount: string;
  amountNotional: string;
  available: string;
  availableNotional: string;
  availableForWithdrawal: string;
  availableForWithdrawalNotional: string;
}

export interface ValuationResponse {
  account: string | null;
  /** Upper-case code of the valuation currency, e.g. "USD". */
  currency: string;
  /** Exact sum of every `amountNotional`. */
  total: string;
  /** Exact sum of every `availableNotional`. */
  totalAvailable: string;
  values: NotionalBalance[];
}

/** The balance roles of the dashboard's API key (Gemini's isAuditor, isTrader, isFundManager). */
export interface KeyRoles {
  auditor: boolean;
  trader: boolean;
  fundManager: boolean;
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
