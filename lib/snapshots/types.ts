/** What the snapshots API answers. Client-safe: plain data, no server imports. */

export type SnapshotStatusJson = "complete" | "partial" | "failed";

export interface SnapshotJson {
  id: number;
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
}
