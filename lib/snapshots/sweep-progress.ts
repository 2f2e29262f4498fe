import "server-only";
import type { AccountRecord } from "@/lib/store";

/** A sweep as it goes: which accounts it will read, then each one's record as it arrives. */
export interface SweepProgress {
  started(accounts: readonly string[], at: Date): void;
  read(record: AccountRecord, at: Date): void;
  finished(): void;
}

/** The sweep of one key running in this process, as far as it has come. */
export interface RunningSweep {
  startedAt: Date;
  /** Stored account names, in the order they are read. */
  accounts: readonly string[];
  read: ReadonlyMap<string, { record: AccountRecord; at: Date }>;
}

// On globalThis: the snapshot schedule, the routes and the pages may be separate bundles.
const holder = globalThis as typeof globalThis & { __runningSweeps?: Map<string, RunningSweep & { read: Map<string, { record: AccountRecord; at: Date }> }> };

function sweeps() {
  holder.__runningSweeps ??= new Map();
  return holder.__runningSweeps;
}

/** Where a sweep of this key reports its progress (every sweep: the button, the schedule, cron, a view's refresh). */
export function sweepProgressOf(keyFingerprint: string): SweepProgress {
  return {
    started: (accounts, at) => void sweeps().set(keyFingerprint, { startedAt: at, accounts, read: new Map() }),
    read: (record, at) => void sweeps().get(keyFingerprint)?.read.set(record.account, { record, at }),
    finished: () => void sweeps().delete(keyFingerprint),
  };
}

/** The sweep of this key running in this process, or null (one in another process is not seen here). */
export function runningSweep(keyFingerprint: string): RunningSweep | null {
  return sweeps().get(keyFingerprint) ?? null;
}
