/** Runs once when the server starts: a bad configuration stops it here, before any request. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { assertStartupConfig } = await import("@/lib/startup");
  assertStartupConfig();
  const { startSnapshotSchedule } = await import("@/lib/snapshots/schedule");
  startSnapshotSchedule();
  const { startDeliveryWorker } = await import("@/lib/alerts/delivery/worker");
  startDeliveryWorker();
  const { startAlertChecks } = await import("@/lib/alerts/schedule");
  startAlertChecks();
  const { startAuditTrail } = await import("@/lib/auth/audit");
  startAuditTrail();
  const { startWarmUp } = await import("@/lib/server/start-warm-up");
  startWarmUp();
}
