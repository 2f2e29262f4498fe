import "server-only";
import { Cron } from "croner";
import { toApiError } from "@/lib/api/to-api-error";
import { getConfig } from "@/lib/config";
import { openStoreAtStart } from "@/lib/server/runtime";
import { historyStatus } from "@/lib/snapshots/status";
import { connectionLabels } from "@/lib/server/exchange-key";
import { takeSnapshots } from "@/lib/snapshots/take";

// Once per process, on globalThis because Next may load this module in more than one bundle.
const holder = globalThis as typeof globalThis & { __snapshotSchedule?: Cron };

function logError(event: string, error: unknown, context: Record<string, string | undefined> = {}): void {
  const { code, message } = toApiError(error);
  console.error(JSON.stringify({ event, ...context, code, message }));
}

/** One scheduled snapshot per connection; a failure is logged as one JSON line and never reaches the server. */
async function tick(): Promise<void> {
  const labels = connectionLabels();
  const results = await takeSnapshots();
  results.forEach((result, index) => {
    const connection = labels.length > 1 ? { connection: labels[index] } : {};
    if (result.status === "rejected") return logError("snapshot_failed", result.reason, connection);
    const snapshot = result.value;
    console.log(JSON.stringify({ event: "snapshot_taken", trigger: "schedule", ...connection, id: snapshot.id, status: snapshot.status, failedAccounts: snapshot.failedAccounts }));
  });
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
