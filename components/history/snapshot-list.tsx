"use client";

import Link from "next/link";
import { ErrorBanner } from "@/components/shared/error-banner";
import { toDashboardError } from "@/lib/balances/api-error";
import { statementPagePath } from "@/lib/history/statement";
import { utcDateTime } from "@/lib/history/time";
import { useSnapshots } from "@/lib/snapshots/get-snapshots";
import type { SnapshotJson } from "@/lib/snapshots/types";

/** Rows shown before "Show all": a year of hourly snapshots is thousands. */
const FIRST_ROWS = 50;

function statusText(snapshot: SnapshotJson): string {
  if (snapshot.status === "complete") return "Complete";
  if (snapshot.status === "failed") return "Failed: no account could be read";
  return `Partial: ${snapshot.failedAccounts.join(", ")} not read`;
}

/** Every stored snapshot, newest first; a partial one says which accounts are missing. */
export function SnapshotList({ mode, connection, showAll, onShowAll }: { mode: "live" | "demo"; connection: string | null; showAll: boolean; onShowAll(): void }) {
  const snapshots = useSnapshots(connection);
  if (snapshots.error) return <ErrorBanner error={toDashboardError(snapshots.error)} mode={mode} keepingLastGood={false} />;
  const list = snapshots.data?.snapshots;
  if (!list) {
    return (
      <p role="status" className="px-4 py-3 text-sm text-slate-500 dark:text-slate-400">
        Loading snapshots…
      </p>
    );
  }
  if (list.length === 0) return <p className="px-4 py-3 text-sm">No snapshot has been taken yet.</p>;
  const shown = showAll ? list : list.slice(0, FIRST_ROWS);
  return (
    <>
      {/* relative: the screen-reader-only texts in cells are absolutely placed and must scroll with it, not widen the page. */}
      <div className="relative overflow-x-auto">
        <table className="w-full border-collapse text-sm" data-testid="snapshot-list">
          <caption className="sr-only">Snapshots, newest first</caption>
          <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase dark:border-slate-700 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2 text-left">
                Taken (UTC)
              </th>
              <th scope="col" className="px-3 py-2 text-left">
                Status
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Accounts
              </th>
              <th scope="col" className="px-3 py-2 text-left">
                <span className="sr-only">Statement</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {shown.map((snapshot) => (
              <tr key={snapshot.id} data-snapshot-id={snapshot.id} data-status={snapshot.status}>
                <th scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap tabular-nums">
                  {utcDateTime(snapshot.takenAt, { seconds: true })}
                  {snapshot.demo && <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">demo</span>}
                </th>
                <td className={`px-3 py-2 ${snapshot.status === "complete" ? "" : "font-medium text-amber-900 dark:text-amber-200"}`}>{statusText(snapshot)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{snapshot.accounts}</td>
                <td className="px-3 py-2">
                  <Link href={statementPagePath(snapshot.takenAt, connection)} className="font-medium text-sky-800 underline-offset-2 hover:underline dark:text-sky-300">
                    Statement<span className="sr-only"> as of {utcDateTime(snapshot.takenAt, { seconds: true })}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!showAll && list.length > FIRST_ROWS && (
        <p className="px-4 py-3 text-sm">
          <button type="button" onClick={onShowAll} className="font-medium text-sky-800 underline dark:text-sky-300">
            Show all {list.length} snapshots
          </button>
        </p>
      )}
    </>
  );
}
