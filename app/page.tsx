import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { UserMenu } from "@/components/auth/user-menu";
import { BalancesDashboard } from "@/components/balances/balances-dashboard";
import { SiteHeader } from "@/components/layout/site-header";
import { KeyRolesNotice } from "@/components/shared/key-roles-notice";
import { pageCaller, requirePageSession } from "@/lib/auth/dal";
import { readDashboardParams, toSearch } from "@/lib/balances/dashboard-url";
import { prefetchDashboard } from "@/lib/balances/prefetch";
import { getConfig } from "@/lib/config";
import { getQueryClient } from "@/lib/query-client";

interface HomePageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** The dashboard: balances fetched on the server, so the first HTML already holds the table. */
export default async function HomePage({ searchParams }: HomePageProps) {
  const session = await requirePageSession("/");
  const config = getConfig();
  const search = toSearch(await searchParams);
  const params = readDashboardParams(new URLSearchParams(search));
  const queryClient = getQueryClient();
  const initialError = await prefetchDashboard(queryClient, params, await pageCaller(session));
  return (
    <>
      <SiteHeader mode={config.mode} userMenu={<UserMenu user={session.user} />} />
      <main className="mx-auto max-w-6xl px-4 py-6">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <KeyRolesNotice />
          <BalancesDashboard
            mode={config.mode}
            refreshIntervalMs={config.refreshIntervalMs}
            serverSearch={search}
            initialError={initialError}
          />
        </HydrationBoundary>
      </main>
    </>
  );
}
