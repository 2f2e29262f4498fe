import type { Metadata } from "next";
import { AuditFiltersForm } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyChain } from "@/components/audit/verify-chain";
import { UserMenu } from "@/components/auth/user-menu";
import { SiteHeader } from "@/components/layout/site-header";
import { ErrorBanner } from "@/components/shared/error-banner";
import { auditSearch, DEFAULT_AUDIT_PAGE_ROWS } from "@/lib/audit/query";
import { readAuditView } from "@/lib/audit/service";
import { pageCaller, requirePageSession } from "@/lib/auth/dal";
import { requirePageScope } from "@/lib/auth/page-scope";
import { toSearch } from "@/lib/balances/dashboard-url";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Audit trail · Gemini Treasury" };

interface AuditPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

const LINK = "font-medium text-sky-800 underline-offset-2 hover:underline dark:text-sky-300";
const ACTION =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700 dark:focus-visible:outline-sky-400";
const FRAME = "rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900";

/** Who did what, when: the store's hash-chained audit trail, filtered by the address's query. */
export default async function AuditPage({ searchParams }: AuditPageProps) {
  const session = await requirePageSession("/audit", "audit:read");
  // The trail names every account and user: a user limited to some accounts is refused.
  await requirePageScope(await pageCaller(session), "whole-group");
  const config = getConfig();
  const view = await readAuditView(new URLSearchParams(toSearch(await searchParams)), await pageCaller(session));
  const filters = view.query ?? {};
  const limit: Record<string, string> = view.query && view.query.limit !== DEFAULT_AUDIT_PAGE_ROWS ? { limit: String(view.query.limit) } : {};
  return (
    <>
      <SiteHeader mode={config.mode} role={session.principal.role} signedIn={session.user !== null} scoped={session.principal.accounts !== null} userMenu={<UserMenu user={session.user} />} />
      <main className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-6">
        <h1 className="text-lg font-semibold tracking-tight">Audit trail</h1>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Sign-ins, sign-outs, refusals and every read of balances, history and exports, newest first. Each row carries the SHA-256 of its contents and
          of the row before it, so an edited, deleted or reordered row breaks the chain.
        </p>
        <AuditFiltersForm filters={filters} eventNames={view.ok ? view.eventNames : []} />
        <div className="flex flex-wrap items-start gap-3">
          <a href={`/api/audit.csv${auditSearch(filters)}`} download className={ACTION}>
            Download CSV
          </a>
          <VerifyChain />
        </div>
        {view.ok ? (
          <div className={FRAME}>
            <AuditTable events={view.page.events} />
            {(view.page.nextBefore !== null || view.query.before !== undefined) && (
              <nav aria-label="Pages of events" className="flex gap-4 border-t border-slate-200 px-4 py-3 text-sm dark:border-slate-800">
                {view.query.before !== undefined && (
                  <a href={`/audit${auditSearch(filters, limit)}`} className={LINK}>
                    Newest events
                  </a>
                )}
                {view.page.nextBefore !== null && (
                  <a href={`/audit${auditSearch(filters, { ...limit, before: String(view.page.nextBefore) })}`} className={LINK}>
                    Older events
                  </a>
                )}
              </nav>
            )}
          </div>
        ) : (
          <ErrorBanner error={view.error} mode={config.mode} keepingLastGood={false} />
        )}
      </main>
    </>
  );
}
