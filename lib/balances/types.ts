/** The dashboard's own shapes: what its JSON API returns. Amounts are exact decimal strings. */

/** One currency's figures, as every view of balances carries them (one account, a sum, a CSV row). */
export interface BalanceAmounts {
  currency: string;
  amount: string;
  available: string;
  availableForWithdrawal: string;
  pendingDeposit?: string;
  pendingWithdrawal?: string;
}

export interface Balance extends BalanceAmounts {
  type: string;
}

export interface BalancesSnapshot {
  /** Gemini's `_timestamp` exactly as sent (nanosecond digits or ISO-8601), or null if it sent none. */
  timestamp: string | null;
  balances: Balance[];
}

export interface BalancesResponse extends BalancesSnapshot {
  account: string | null;
  pending: boolean;
}

export interface Account {
  account: string;
  name: string;
  type: "exchange" | "custody";
  status: "open" | "closed";
}

export interface AccountsResponse {
  master: boolean;
  accounts: Account[];
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}
