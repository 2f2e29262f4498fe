import type { Metadata } from "next";
import { UserMenu } from "@/components/auth/user-menu";
import { SiteHeader } from "@/components/layout/site-header";
import { SessionsTable } from "@/components/sessions/sessions-table";
import { ErrorBanner } from "@/components/shared/error-banner";
import { toApiError } from "@/lib/api/to-api-error";
import { pageCaller, requirePageSession } from "@/lib/auth/dal";
import { requirePageScope } from "@/lib/auth/page-scope";
import { listActiveSessions, type SessionJson } from "@/lib/auth/manage-sessions";
import type { DashboardError } from "@/lib/balances/api-error";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Sessions · Gemini Treasury" };

const FRAME = "rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900";

async function readSessions(): Promise<{ ok: true; sessions: SessionJson[] } | { ok: false; error: DashboardError }> {
  try {
    return { ok: true, sessions: await listActiveSessions(getConfig()) };
  } catch (error) {
    const { status, code, message } = toApiError(error);
    return { ok: false, error: { status, code, message } };
  }
}

/** Who is signed in where (admins): every session still usable, and a way to end any of them. */
export default async function SessionsPage() {
  const session = await requirePageSession("/sessions", "sessions:manage");
  // Sessions are every user's: an admin limited to some accounts is refused, like the audit trail.
  await requirePageScope(await pageCaller(session), "whole-group");
  const config = getConfig();
  const view = await readSessions();
  return (
    <>
      <SiteHeader mode={config.mode} role={session.principal.role} signedIn={session.user !== null} scoped={session.principal.accounts !== null} userMenu={<UserMenu user={session.user} />} />
      <main className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-6">
        <h1 className="text-lg font-semibold tracking-tight">Sessions</h1>
        <p className="text-sm text-slate-600 dark:text-slate-300">
          Every signed-in session that is still usable. A session ends at sign-out, after its idle time or its lifetime, when its user is removed or
          their password changes, or when it is ended here: every instance refuses its cookie at once, and the audit trail records who ended it.
        </p>
        {view.ok ? (
          <div className={FRAME}>
            <SessionsTable sessions={view.sessions} />
          </div>
        ) : (
          <ErrorBanner error={view.error} mode={config.mode} keepingLastGood={false} />
        )}
      </main>
    </>
  );
}
