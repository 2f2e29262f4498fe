import "server-only";
import type { QueryClient } from "@tanstack/react-query";
import { auditedRead } from "@/lib/auth/audited-read";
import { pageCaller, type PageSession } from "@/lib/auth/dal";
import { storedOverviewQueryOptions } from "@/lib/treasury/get-stored-overview";
import { readStoredOverview } from "@/lib/treasury/stored-overview";

/**
 * Fills the request's QueryClient with the stored overview, so the first HTML already holds the
 * whole table (no wait for hydration and a second request). Audited as /api/overview/stored is,
 * except the server's own warm-up render, which nobody sees: it writes no audit row and starts no
 * refresh. A failure is left to the browser's own request, whose view says what went wrong.
 */
export async function prefetchStoredOverview(queryClient: QueryClient, session: PageSession, now: Date): Promise<void> {
  const read = session.warmUp
    ? () => readStoredOverview(now, null, { mayRefresh: false })
    : async () => {
        const caller = await pageCaller(session);
        return auditedRead({ event: "overview_fetch", account: null }, caller, () => readStoredOverview(now, caller.accounts));
      };
  await queryClient.prefetchQuery({ ...storedOverviewQueryOptions(), queryFn: read }).catch(() => undefined);
}
