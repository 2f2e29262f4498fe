/** The dashboard's own shapes: what its JSON API returns. Amounts are exact decimal strings. Client-safe. */
import type { Account, Balance, Staking } from "@/lib/gemini/types";

// A balance and an account are what lib/gemini reshapes Gemini's bodies into: defined there once.
// Type-only, so nothing of the server-only vendor module reaches a browser bundle.
export type { Account, Balance, BalanceAmounts, NoStakingReason, Staking, StakingBalance, StakingProviderBalance } from "@/lib/gemini/types";

export interface BalancesSnapshot {
  /** Gemini's `_timestamp` exactly as sent (nanosecond digits or ISO-8601), or null if it sent none. */
  timestamp: string | null;
  balances: Balance[];
  /** Staked balances, apart: never part of `balances` or their `available`. */
  staking: Staking;
}

export interface BalancesResponse extends BalancesSnapshot {
  account: string | null;
  pending: boolean;
}

export interface AccountsResponse {
  master: boolean;
  accounts: Account[];
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}
