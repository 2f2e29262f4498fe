/** The treasury view's shapes, as the JSON API returns them. Client-safe; amounts are exact decimal strings. */
import type { Balance, BalanceAmounts, NoStakingReason } from "@/lib/balances/types";
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

/** One staked currency of an account, with its value in the view's currency. */
export interface ValuedStakingBalance {
  currency: string;
  balance: string;
  /** balance x the price feed's (or the snapshot's) unit price, exact; null without a price. */
  value: string | null;
}

/** Why an account has no staked figures: Gemini's reason, or a snapshot taken before staking was recorded. */
export type OverviewNoStakingReason = NoStakingReason | "not_recorded";

/** An account's staking as the group's views carry it: valued rows, or why there are none. Never part of `available`. */
export type ValuedStaking = { state: "staked"; balances: ValuedStakingBalance[] } | { state: "none"; reason: OverviewNoStakingReason };

/** One currency summed over every open exchange account of the group. */
export interface ConsolidatedBalance extends BalanceAmounts {
  /** Sum of the accounts' notional values of this currency. */
  value: string;
  /** How many accounts hold this currency (a zero balance counts), on the exchange or staked. */
  accounts: number;
  /** Sum of the accounts' staked balances of it: present only when some account stakes it. */
  staked?: string;
  /** Their value (priced rows only). */
  stakedValue?: string;
}

export interface OverviewAccount {
  /** The connection (GEMINI_CONNECTIONS label, `default` for a single key) the account belongs to. */
  connection: string;
  account: string;
  name: string;
  /** Gemini's `_timestamp` of this account's balances, exactly as sent. */
  timestamp: string | null;
  /** Exact sum of this account's notional values and its staked value. */
  total: string;
  /** The staked part of `total`. */
  stakedTotal: string;
  balances: Balance[];
  values: NotionalBalance[];
  staking: ValuedStaking;
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
  /** Exact sum over all accounts, staked value included. */
  total: string;
  /** The staked part of `total`. */
  stakedTotal: string;
  accounts: OverviewAccount[];
  /** Accounts of the group left out, and why. */
  /** `connection` only with several connections (a single key's answer is as it always was). */
  skipped: (SkippedAccount & { connection?: string })[];
  /** Summed across every connection. */
  consolidated: ConsolidatedBalance[];
  /** Each connection's subtotal (exact), in the configured order. */
  connections: { label: string; accounts: number; total: string }[];
}

/** One account of the all-accounts view read from the history store, as fresh as its last reading. */
export interface StoredOverviewAccount {
  /** The connection (GEMINI_CONNECTIONS label, `default` for a single key) the account belongs to. */
  connection: string;
  account: string;
  /** Empty until the group's list has been read by this server. */
  name: string;
  /** When Gemini gave these figures (ISO-8601, UTC); null: none yet. */
  asOf: string | null;
  /** Gemini's `_timestamp` of these figures, exactly as sent. */
  timestamp: string | null;
  /** With the pending figures the store keeps. */
  balances: Balance[];
  /** Each currency's value in USD, exactly as Gemini priced it. */
  values: { currency: string; amountNotional: string }[];
  /** Exact sum of the values (staked value included); null without figures or when a currency has no value. */
  total: string | null;
  /** Staked rows valued in USD at the snapshot, or why there are none ("not_recorded": taken before staking was stored). */
  staking: ValuedStaking;
  /** A refresh of this account is on its way. */
  refreshing: boolean;
  /** The last refresh of this account failed (its error code): the figures are the last good ones. */
  refreshError: string | null;
}

/** GET /api/overview/stored: the group at once from the history store, or "live" where there is none (history off). */
export type StoredOverviewResponse =
  | {
      source: "store";
      /** Upper-case: the store keeps USD values. */
      currency: "USD";
      refresh: {
        running: boolean;
        /** When the running (or last) refresh of the group began. */
        startedAt: string | null;
        /** Accounts the running refresh has read, of how many. */
        read: number;
        of: number;
        /** The last refresh of the group failed as a whole (the account list could not be read): its error code. */
        error: string | null;
      };
      accounts: StoredOverviewAccount[];
      /** `connection` only with several connections. */
      skipped: (SkippedAccount & { connection?: string })[];
      /** Each connection's subtotal (USD, exact), in the configured order; null until each of its accounts has a value. */
      connections: ConnectionSubtotal[];
    }
  | { source: "live"; reason: string };

export interface ConnectionSubtotal {
  label: string;
  accounts: number;
  total: string | null;
}

/** The all-accounts CSV's scope in its file name. */
export const ALL_ACCOUNTS_SCOPE = "all-accounts";
