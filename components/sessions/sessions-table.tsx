import { EndSessionButton } from "@/components/sessions/end-session-button";
import type { SessionJson } from "@/lib/auth/manage-sessions";
import { utcDateTime } from "@/lib/history/time";

const CELL = "px-3 py-2 align-top";

function Empty() {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="sr-only">none</span>
    </>
  );
}

/** The sessions still usable, most recently seen first, each with a way to end it. */
export function SessionsTable({ sessions }: { sessions: readonly SessionJson[] }) {
  if (sessions.length === 0) return <p className="px-4 py-3 text-sm">No session is open.</p>;
  return (
    // Focusable so a keyboard can scroll it sideways on a narrow screen.
    <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label="Active sessions">
      <table className="w-full border-collapse text-sm" data-testid="sessions">
        <caption className="sr-only">Active sessions, most recently seen first</caption>
        <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-600 uppercase dark:border-slate-700 dark:text-slate-300">
          <tr>
            {["User", "Sign-in", "Started (UTC)", "Last seen (UTC)", "Address", "Browser", "Expires (UTC)"].map((header) => (
              <th key={header} scope="col" className={`${CELL} text-left`}>
                {header}
              </th>
            ))}
            <th scope="col" className={CELL}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {sessions.map((session) => (
            <tr key={session.id} data-session-id={session.id} data-user={session.user}>
              <th scope="row" className={`${CELL} text-left font-medium`}>
                {session.user}
              </th>
              <td className={CELL}>{session.source === "oidc" ? "Single sign-on" : "Password"}</td>
              <td className={`${CELL} whitespace-nowrap tabular-nums`}>{utcDateTime(session.createdAt)}</td>
              <td className={`${CELL} whitespace-nowrap tabular-nums`}>{utcDateTime(session.lastSeenAt)}</td>
              <td className={`${CELL} font-mono text-xs`}>{session.address ?? <Empty />}</td>
              <td className={`${CELL} max-w-64 truncate text-xs`} title={session.userAgent ?? undefined}>
                {session.userAgent ?? <Empty />}
              </td>
              <td className={`${CELL} whitespace-nowrap tabular-nums`}>{utcDateTime(session.expiresAt)}</td>
              <td className={CELL}>
                <EndSessionButton id={session.id} user={session.user} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
