/** What the snapshots API answers. Client-safe: plain data, no server imports. */

export type SnapshotStatusJson = "complete" | "partial" | "failed";

export interface SnapshotJson {
  id: number;
  /** The connection it read, as recorded when it was taken (a GEMINI_CONNECTIONS label, or "Gemini"/"Demo exchange" for a single key). */
  connection: string;
  /** When the last account was read (ISO-8601, UTC). */
  takenAt: string;
  /** When the sweep began. */
  startedAt: string;
  /** partial: some accounts failed (named in failedAccounts); failed: none answered. */
  status: SnapshotStatusJson;
  /** Taken on the demo exchange (or seeded as demo history). */
  demo: boolean;
  /** How many accounts the snapshot covers, failed ones included. */
  accounts: number;
  failedAccounts: string[];
}

export interface SnapshotAccountJson {
  account: string;
  status: "ok" | "failed";
  errorCode: string | null;
  /** Its staking: "staked" (rows in `staked`, maybe none), why there is none, or null: not recorded (older snapshots, failed accounts). */
  staking: "staked" | "not_permitted" | "unavailable" | null;
}

/** One stored staked balance: apart from the exchange rows, never summed into them. */
export interface SnapshotStakedJson {
  account: string;
  currency: string;
  balance: string;
  /** At the price feed's USD price when the snapshot was taken; null without a price. */
  valueUsd: string | null;
}

/** One stored balance; every figure exactly as Gemini sent it. */
export interface SnapshotBalanceJson {
  account: string;
  currency: string;
  amount: string;
  available: string;
  availableForWithdrawal: string;
  pendingDeposit: string | null;
  pendingWithdrawal: string | null;
  valueUsd: string | null;
  takenAt: string;
  /** Gemini's `_timestamp` exactly as sent. */
  exchangeTimestamp: string | null;
}

/** POST /api/snapshots */
export interface SnapshotTakenResponse {
  snapshot: SnapshotJson;
  /** With several connections: the snapshot of each connection taken (one that failed is not here). */
  snapshots?: SnapshotJson[];
}

/** GET /api/snapshots, newest first. */
export interface SnapshotsResponse {
  snapshots: SnapshotJson[];
}

/** GET /api/snapshots/{id} */
export interface SnapshotDetailResponse {
  snapshot: SnapshotJson;
  accounts: SnapshotAccountJson[];
  balances: SnapshotBalanceJson[];
  staked: SnapshotStakedJson[];
}

/** The contract's names for a stored balance and an account's outcome (the same shapes). */
export type BalanceRowJson = SnapshotBalanceJson;
export type AccountOutcomeJson = SnapshotAccountJson;

/** Exact sums over accounts; valueUsd is null when a non-zero amount had no USD value. */
export interface CurrencyTotalJson {
  amount: string;
  valueUsd: string | null;
}

export type HistoryStepJson = "day" | "hour";

export interface HistoryPointJson {
  /** Start of the UTC bucket. */
  at: string;
  snapshotId: number;
  takenAt: string;
  /** A chosen account failed in this snapshot: its figures are missing. */
  partial: boolean;
  /** Staked value included (when the snapshot recorded staking). */
  totalUsd: string | null;
  currencies: Record<string, CurrencyTotalJson>;
  /** Staked sums by currency: marked as staked, never in `currencies`' amounts. */
  staked: Record<string, CurrencyTotalJson>;
  /** The staked part of totalUsd; null when not recorded or a staked value is unknown. */
  stakedUsd: string | null;
  /** false: a snapshot from before staking was recorded (its staked holdings are unknown, not zero). */
  stakingRecorded: boolean;
}

/** GET /api/history. A bucket without a snapshot has no point: draw a gap, never a line across it. */
export interface HistoryJson {
  step: HistoryStepJson;
  from: string;
  to: string;
  points: HistoryPointJson[];
}

/** A bucket of GET /api/history?connection=all: each connection's latest snapshot in it, summed exactly. */
export interface ConsolidatedPointJson extends Omit<HistoryPointJson, "snapshotId"> {
  /** The summed snapshots, one per connection that has one in the bucket. */
  snapshotIds: number[];
  /** Connections without a snapshot in the bucket: the point is then partial, never silently lower. */
  missing: string[];
}

/** GET /api/history?connection=all: the history of every connection the caller sees, consolidated. */
export interface ConsolidatedHistoryJson {
  step: HistoryStepJson;
  from: string;
  to: string;
  /** The connections summed, the default first. */
  connections: string[];
  points: ConsolidatedPointJson[];
}

/** GET /api/statement: what the newest snapshot at or before `at` recorded. */
export interface StatementJson {
  at: string;
  snapshot: SnapshotJson;
  accounts: AccountOutcomeJson[];
  balances: BalanceRowJson[];
  totals: Record<string, CurrencyTotalJson>;
  /** Staked value included (when the snapshot recorded staking). */
  totalUsd: string | null;
  /** Staked balances, apart from `balances`. */
  staked: SnapshotStakedJson[];
  stakedTotals: Record<string, CurrencyTotalJson>;
  /** The staked part of totalUsd; null when not recorded or a staked value is unknown. */
  stakedUsd: string | null;
  /** false: a snapshot from before staking was recorded (its staked holdings are unknown, not zero). */
  stakingRecorded: boolean;
}
