import "server-only";
import type { QueryClient } from "@tanstack/react-query";
import { auditedRead, type Caller } from "@/lib/auth/audited-read";
import { storedOverviewQueryOptions } from "@/lib/treasury/get-stored-overview";
import { readStoredOverview } from "@/lib/treasury/stored-overview";

/**
 * Fills the request's QueryClient with the stored overview, so the first HTML already holds the
 * whole table (no wait for hydration and a second request). Audited as /api/overview/stored is. A
 * failure is left to the browser's own request, whose view says what went wrong.
 */
export async function prefetchStoredOverview(queryClient: QueryClient, caller: Caller, now: Date): Promise<void> {
  await queryClient
    .prefetchQuery({
      ...storedOverviewQueryOptions(),
      queryFn: () => auditedRead({ event: "overview_fetch", account: null }, caller, () => readStoredOverview(now, caller.accounts)),
    })
    .catch(() => undefined);
}
