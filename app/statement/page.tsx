import type { Metadata } from "next";
import { UserMenu } from "@/components/auth/user-menu";
import { HistoryOff } from "@/components/history/history-off";
import { StatementView } from "@/components/history/statement-view";
import { SiteHeader } from "@/components/layout/site-header";
import { requirePageSession } from "@/lib/auth/dal";
import { toSearch } from "@/lib/balances/dashboard-url";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Statement · Gemini Treasury" };

interface StatementPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** A period-end statement from the store, printable; loaded in the browser. */
export default async function StatementPage({ searchParams }: StatementPageProps) {
  const session = await requirePageSession("/statement", "history:read");
  const config = getConfig();
  const search = toSearch(await searchParams);
  return (
    <>
      <SiteHeader mode={config.mode} role={session.principal.role} signedIn={session.user !== null} scoped={session.principal.accounts !== null} userMenu={<UserMenu user={session.user} />} />
      <main className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-6 print:max-w-none print:p-0">
        {config.history.offReason === null ? (
          <StatementView mode={config.mode} serverSearch={search} connections={config.connections.map((connection) => connection.label)} />
        ) : (
          <>
            <h1 className="text-lg font-semibold tracking-tight">Statement of balances</h1>
            <HistoryOff reason={config.history.offReason} />
          </>
        )}
      </main>
    </>
  );
}
