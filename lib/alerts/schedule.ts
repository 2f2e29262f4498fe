import "server-only";
import { toApiError } from "@/lib/api/to-api-error";
import { getConfig } from "@/lib/config";
import { getRoles } from "@/lib/gemini";
import { getGemini, getSnapshotConnection, getStore } from "@/lib/server/runtime";
import { checkWithoutSnapshot, type AlertCheckDeps } from "./check";
import { kickDeliveries } from "./delivery/worker";

/** How often a server with the in-process schedule checks "no successful snapshot for N hours". */
export const STALE_CHECK_INTERVAL_MS = 60_000;

export const systemAlertClock = { now: () => new Date() };

/** A connection's rule checks (the default connection's when not named): its key, roles read afresh from Gemini (not the once-per-process cache). */
export function runtimeAlertDeps(clock: AlertCheckDeps["clock"] = systemAlertClock, connection: string | null = null): AlertCheckDeps {
  return { connection: getSnapshotConnection(connection), readRoles: () => getRoles(getGemini(connection)), clock, afterEvents: () => kickDeliveries() };
}

// Once per process, on globalThis because Next may load this module in more than one bundle.
const holder = globalThis as typeof globalThis & { __alertChecks?: NodeJS.Timeout; __alertCheckRunning?: boolean };

async function tick(): Promise<void> {
  // A check never starts while the previous one still runs (a slow store).
  if (holder.__alertCheckRunning) return;
  holder.__alertCheckRunning = true;
  try {
    await checkWithoutSnapshot(await getStore(), runtimeAlertDeps());
  } catch (error) {
    const { code, message } = toApiError(error);
    console.error(JSON.stringify({ event: "alerts_check_failed", code, message }));
  } finally {
    holder.__alertCheckRunning = false;
  }
}

/**
 * Where the in-process snapshot schedule runs (lib/snapshots/schedule.ts), rules are also checked
 * every minute without a snapshot, so "no successful snapshot for N hours" fires when the snapshots
 * stop. Elsewhere (Vercel, SNAPSHOT_SCHEDULE=off) every snapshot attempt, failed ones too, checks it.
 */
export function startAlertChecks(): void {
  const { history } = getConfig();
  if (history.offReason !== null || history.schedule === null || history.onVercel || holder.__alertChecks) return;
  holder.__alertChecks = setInterval(() => void tick(), STALE_CHECK_INTERVAL_MS);
  // Never what keeps the process alive.
  holder.__alertChecks.unref();
}
