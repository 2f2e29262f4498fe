/** The history and statement APIs' shapes (contract of issue 13). Client-safe; figures are exact strings. */
import type { SnapshotJson } from "@/lib/snapshots/types";

export type HistoryStep = "day" | "hour";

/** One currency in one bucket: summed over the chosen accounts. */
export interface HistoryCurrency {
  amount: string;
  valueUsd: string | null;
}

/** The last non-failed snapshot of one UTC bucket. Buckets without a snapshot are absent. */
export interface HistoryPoint {
  /** The bucket's start, ISO-8601 UTC. */
  at: string;
  snapshotId: number;
  takenAt: string;
  partial: boolean;
  totalUsd: string | null;
  currencies: Record<string, HistoryCurrency>;
}

/** GET /api/history */
export interface HistoryResponse {
  step: HistoryStep;
  from: string;
  to: string;
  points: HistoryPoint[];
}

/** One stored balance row of a snapshot, exactly as Gemini sent it. */
export interface BalanceRowJson {
  account: string;
  currency: string;
  amount: string;
  available: string;
  availableForWithdrawal: string;
  pendingDeposit: string | null;
  pendingWithdrawal: string | null;
  valueUsd: string | null;
  takenAt: string;
  /** Gemini's `_timestamp`, exactly as sent. */
  exchangeTimestamp: string | null;
}

export interface StatementAccount {
  account: string;
  status: "ok" | "failed";
  errorCode: string | null;
}

/** GET /api/statement?at=: the latest snapshot taken at or before `at`, and what it holds. */
export interface StatementResponse {
  at: string;
  snapshot: SnapshotJson;
  accounts: StatementAccount[];
  balances: BalanceRowJson[];
  totals: Record<string, { amount: string; valueUsd: string | null }>;
  totalUsd: string | null;
}
