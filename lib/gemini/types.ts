import "server-only";

/**
 * What lib/gemini hands out once Gemini's bodies are validated and reshaped (api.ts `reshape*`):
 * the dashboard's own shapes, defined here once, as vercel/commerce's lib/shopify/types.ts does.
 * The domain modules re-export them as types (erased, so their files stay client-safe). Amounts
 * and timestamps are exact strings, never JS numbers.
 */

/** One currency's figures, as every view of balances carries them (one account, a sum, a CSV row). */
export interface BalanceAmounts {
  /** Upper-case, e.g. "BTC". */
  currency: string;
  amount: string;
  available: string;
  availableForWithdrawal: string;
  pendingDeposit?: string;
  pendingWithdrawal?: string;
}

/** One entry of POST /v1/balances. */
export interface Balance extends BalanceAmounts {
  type: string;
}

/** POST /v1/balances: the balances, and every entry's `_timestamp` exactly as sent (nanosecond digits or ISO-8601). */
export interface BalancesReply {
  balances: Balance[];
  timestamps: string[];
}

/** One account of a master key's group (POST /v1/account/list). */
export interface Account {
  account: string;
  name: string;
  type: "exchange" | "custody";
  status: "open" | "closed";
}

/** One currency of an account, with Gemini's notional values in a fiat currency (POST /v1/notionalbalances/{currency}). */
export interface NotionalBalance {
  /** Upper-case, e.g. "BTC". */
  currency: string;
  amount: string;
  amountNotional: string;
  available: string;
  availableNotional: string;
  availableForWithdrawal: string;
  availableForWithdrawalNotional: string;
}

/** The balance roles of an API key (POST /v1/roles: isAuditor, isTrader, isFundManager). */
export interface KeyRoles {
  auditor: boolean;
  trader: boolean;
  fundManager: boolean;
}

/** One staking provider's part of a staked currency (`balanceByProvider`). */
export interface StakingProviderBalance {
  /** Gemini's provider id, as sent. */
  provider: string;
  balance: string;
}

/** One entry of POST /v1/balances/staking. Staked amounts are never part of an exchange `available`. */
export interface StakingBalance {
  /** Upper-case, e.g. "ETH". */
  currency: string;
  balance: string;
  available: string;
  availableForWithdrawal: string;
  providers: StakingProviderBalance[];
}

/** One pair of GET /v1/pricefeed: the last price of `base` in `quote`. */
export interface PairPrice {
  /** Upper-case as Gemini spells pairs, e.g. "ETHUSD". */
  pair: string;
  price: string;
}

/** Why an account shows "no staking": the key may not read staking, or the call failed for this account. */
export type NoStakingReason = "not_permitted" | "unavailable";

/**
 * An account's staking as the dashboard shows it. `none` is a state, not a failure: the exchange
 * balances beside it stand. `staked` with no rows is an account that stakes nothing.
 */
export type Staking = { state: "staked"; balances: StakingBalance[] } | { state: "none"; reason: NoStakingReason };
