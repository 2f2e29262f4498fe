import "server-only";
import { Cron } from "croner";
import { toApiError } from "@/lib/api/to-api-error";
import { getConfig } from "@/lib/config";
import { openStoreAtStart } from "@/lib/server/runtime";
import { historyStatus } from "@/lib/snapshots/status";
import { takeSnapshot } from "@/lib/snapshots/take";

// Once per process, on globalThis because Next may load this module in more than one bundle.
const holder = globalThis as typeof globalThis & { __snapshotSchedule?: Cron };

function logError(event: string, error: unknown): void {
  const { code, message } = toApiError(error);
  console.error(JSON.stringify({ event, code, message }));
}

/** One scheduled snapshot; a failure is logged as one JSON line and never reaches the server. */
async function tick(): Promise<void> {
  try {
    const snapshot = await takeSnapshot();
    console.log(JSON.stringify({ event: "snapshot_taken", trigger: "schedule", id: snapshot.id, status: snapshot.status, failedAccounts: snapshot.failedAccounts }));
  } catch (error) {
    logError("snapshot_failed", error);
  }
}

/**
 * Logs whether history is on, and on self-hosted servers with SNAPSHOT_SCHEDULE starts the
 * in-process schedule (croner, UTC) and opens the store in the background. Several processes
 * may each run it: the store's lock lets one snapshot through per tick. On Vercel the platform's
 * cron calls /api/cron/snapshot instead.
 */
export function startSnapshotSchedule(): void {
  const config = getConfig();
  const status = historyStatus(config);
  const { schedule, onVercel } = config.history;
  const scheduled = status.on && schedule !== null && !onVercel;
  console.log(JSON.stringify({ event: "history", ...status, schedule: scheduled ? schedule : null }));
  if (!scheduled || holder.__snapshotSchedule) return;
  openStoreAtStart();
  // protect: a tick never starts while the previous one still runs.
  holder.__snapshotSchedule = new Cron(schedule, { timezone: "UTC", protect: true }, tick);
}
