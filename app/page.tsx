import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import { UserMenu } from "@/components/auth/user-menu";
import { BalancesDashboard } from "@/components/balances/balances-dashboard";
import { SiteHeader } from "@/components/layout/site-header";
import { AsOfSwitch } from "@/components/shared/as-of-switch";
import { KeyRolesNotice } from "@/components/shared/key-roles-notice";
import { pageCaller, requirePageSession } from "@/lib/auth/dal";
import { requirePageScope } from "@/lib/auth/page-scope";
import { readDashboardParams, toSearch } from "@/lib/balances/dashboard-url";
import { prefetchDashboard } from "@/lib/balances/prefetch";
import { getConfig } from "@/lib/config";
import { readAsOf } from "@/lib/history/as-of";
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
  await requirePageScope(await pageCaller(session), { account: params.account, connection: params.connection });
  const queryClient = getQueryClient();
  // As of a past time the figures come from the store: nothing live is read for it.
  const asOf = readAsOf(new URLSearchParams(search));
  const initialError = asOf === null ? await prefetchDashboard(queryClient, params, await pageCaller(session)) : null;
  return (
    <>
      <SiteHeader mode={config.mode} role={session.principal.role} signedIn={session.user !== null} scoped={session.principal.accounts !== null} userMenu={<UserMenu user={session.user} />} />
      <main className="mx-auto max-w-6xl px-4 py-6">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <KeyRolesNotice connections={config.connections.map((connection) => connection.label)} />
          <AsOfSwitch mode={config.mode} serverSearch={search} scope="account">
            <BalancesDashboard
              mode={config.mode}
              refreshIntervalMs={config.refreshIntervalMs}
              serverSearch={search}
              initialError={initialError}
              connections={config.connections.map((connection) => connection.label)}
            />
          </AsOfSwitch>
        </HydrationBoundary>
      </main>
    </>
  );
}
