import type { Metadata } from "next";
import { UserMenu } from "@/components/auth/user-menu";
import { HistoryOff } from "@/components/history/history-off";
import { HistoryView } from "@/components/history/history-view";
import { SiteHeader } from "@/components/layout/site-header";
import { pageCaller, requirePageSession } from "@/lib/auth/dal";
import { requirePageScope } from "@/lib/auth/page-scope";
import { readHistoryParams } from "@/lib/history/history-url";
import { can } from "@/lib/auth/roles";
import { toSearch } from "@/lib/balances/dashboard-url";
import { getConfig } from "@/lib/config";
import { ALL_CONNECTIONS } from "@/lib/config/connection-label";

export const metadata: Metadata = { title: "History · Gemini Treasury" };

interface HistoryPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** Balances over time from the store; loaded in the browser (the store opens on first use). */
export default async function HistoryPage({ searchParams }: HistoryPageProps) {
  const session = await requirePageSession("/history", "history:read");
  const config = getConfig();
  const search = toSearch(await searchParams);
  const params = readHistoryParams(new URLSearchParams(search));
  await requirePageScope(await pageCaller(session), { account: params.account, connection: params.connection === ALL_CONNECTIONS ? null : params.connection });
  return (
    <>
      <SiteHeader mode={config.mode} role={session.principal.role} signedIn={session.user !== null} scoped={session.principal.accounts !== null} userMenu={<UserMenu user={session.user} />} />
      <main className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-6">
        {config.history.offReason === null ? (
          <HistoryView mode={config.mode} connections={config.connections.map((connection) => connection.label)} serverSearch={search} canTakeSnapshot={can(session.principal.role, "snapshots:take") && session.principal.accounts === null} />
        ) : (
          <>
            <h1 className="text-lg font-semibold tracking-tight">Balance history</h1>
            <HistoryOff reason={config.history.offReason} />
          </>
        )}
      </main>
    </>
  );
}
