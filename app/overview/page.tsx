import { dehydrate, HydrationBoundary } from "@tanstack/react-query";
import type { Metadata } from "next";
import { UserMenu } from "@/components/auth/user-menu";
import { SiteHeader } from "@/components/layout/site-header";
import { GroupOverview } from "@/components/treasury/group-overview";
import { AsOfSwitch } from "@/components/shared/as-of-switch";
import { KeyRolesNotice } from "@/components/shared/key-roles-notice";
import { requirePageSession } from "@/lib/auth/dal";
import { toSearch } from "@/lib/balances/dashboard-url";
import { getConfig } from "@/lib/config";
import { readAsOf } from "@/lib/history/as-of";
import { getQueryClient } from "@/lib/query-client";
import { STORED_CURRENCY } from "@/lib/treasury/get-stored-overview";
import { prefetchStoredOverview } from "@/lib/treasury/prefetch-stored-overview";
import { readValuationCurrency } from "@/lib/treasury/valuation-url";

export const metadata: Metadata = { title: "All accounts · Gemini Treasury" };

/**
 * Every account of a master key's group at once: from the history store in the first HTML, else
 * loaded in the browser, account by account, with progress.
 */
interface OverviewPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function OverviewPage({ searchParams }: OverviewPageProps) {
  const session = await requirePageSession("/overview");
  const search = toSearch(await searchParams);
  const config = getConfig();
  const params = new URLSearchParams(search);
  const queryClient = getQueryClient();
  // The store keeps USD values of now; another currency or a past time is read elsewhere.
  if (readAsOf(params) === null && readValuationCurrency(params) === STORED_CURRENCY) {
    await prefetchStoredOverview(queryClient, session, new Date());
  }
  return (
    <>
      <SiteHeader mode={config.mode} role={session.principal.role} signedIn={session.user !== null} scoped={session.principal.accounts !== null} userMenu={<UserMenu user={session.user} />} />
      <main className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-6">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <KeyRolesNotice connections={config.connections.map((connection) => connection.label)} />
          <AsOfSwitch mode={config.mode} serverSearch={search} scope="group" connections={config.connections.map((connection) => connection.label)}>
            <GroupOverview
              mode={config.mode}
              serverSearch={search}
              refreshIntervalMs={config.refreshIntervalMs}
              connections={config.connections.map((connection) => connection.label)}
            />
          </AsOfSwitch>
        </HydrationBoundary>
      </main>
    </>
  );
}
