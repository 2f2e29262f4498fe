import "server-only";
import type { AppConfig } from "@/lib/config";

export interface HistoryStatus {
  on: boolean;
  /** Why history is off, in one sentence; null when on. */
  reason: string | null;
  engine: "pglite" | "postgres" | null;
}

/** Whether history is kept, why not, and on which engine: for the start-up log and /api/health (no store opened). */
export function historyStatus({ history, store }: AppConfig): HistoryStatus {
  const on = history.offReason === null;
  return { on, reason: history.offReason, engine: on ? (store.databaseUrl ? "postgres" : "pglite") : null };
}

/** Across bundles a class may exist twice: the store's lock error is recognised by its name. */
export function isDataDirInUse(error: unknown): error is Error {
  return error instanceof Error && error.name === "DataDirInUseError";
}
