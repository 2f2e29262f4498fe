import "server-only";
import { getConfig } from "@/lib/config";
import { getSnapshotConnection, getStore } from "@/lib/server/runtime";
import { ownOrigin, warmUp } from "@/lib/server/warm-up";
import { WARM_UP_PAGES } from "@/lib/warm-up-pages";

/**
 * At start, in the background: once the store is open (and the demo's past seeded), the server
 * renders the all-accounts view for itself. Only on a self-hosted production server with figures
 * to show: Vercel starts functions on demand, `next dev` compiles on demand, and an empty store
 * renders an empty table. WARM_UP=off leaves it out. A failure is logged and costs nothing but the
 * warm-up.
 */
export function startWarmUp(): void {
  const config = getConfig();
  if (!config.warmUp || !config.production || config.history.onVercel || config.history.offReason !== null) return;
  void (async () => {
    const store = await getStore();
    const latest = await store.snapshots.latestSnapshotAt(new Date(), getSnapshotConnection().keyFingerprint);
    if (!latest) return;
    const result = await warmUp(ownOrigin(config.port, process.env.HOSTNAME));
    console.log(JSON.stringify({ event: "warm_up", pages: WARM_UP_PAGES, ...result }));
  })().catch((error: unknown) => {
    console.warn(JSON.stringify({ event: "warm_up_failed", message: error instanceof Error ? error.message : String(error) }));
  });
}
