import type { AuditEventJson } from "@/lib/audit/types";
import { utcDateTime } from "@/lib/history/time";

const CELL = "px-3 py-2 align-top";
/** Enough of a hash to tell rows apart on screen; the whole one is in the title, the API and the CSV. */
const SHOWN_HASH_CHARS = 12;

function Empty() {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="sr-only">none</span>
    </>
  );
}

function Details({ details }: { details: Record<string, string> }) {
  const entries = Object.entries(details).sort(([a], [b]) => (a < b ? -1 : 1));
  if (entries.length === 0) return <Empty />;
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 text-xs">
      {entries.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-medium text-slate-600 dark:text-slate-300">{key}</dt>
          <dd className="break-all">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The events of one page, newest first, each with its place in the chain. */
export function AuditTable({ events }: { events: readonly AuditEventJson[] }) {
  if (events.length === 0) return <p className="px-4 py-3 text-sm">No event matches these filters.</p>;
  return (
    // Focusable so a keyboard can scroll it sideways on a narrow screen.
    <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-label="Audit events">
      <table className="w-full border-collapse text-sm" data-testid="audit-events">
        <caption className="sr-only">Audit events, newest first</caption>
        <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-600 uppercase dark:border-slate-700 dark:text-slate-300">
          <tr>
            {["Time (UTC)", "Event", "User", "Outcome", "Account", "Address", "Details", "Row", "Hash"].map((header) => (
              <th key={header} scope="col" className={`${CELL} text-left`}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {events.map((event) => (
            <tr key={event.id} data-audit-id={event.id} data-event={event.event} data-outcome={event.outcome}>
              <th scope="row" className={`${CELL} text-left font-normal whitespace-nowrap tabular-nums`} title={event.occurredAt}>
                {utcDateTime(event.occurredAt, { seconds: true })}
              </th>
              <td className={`${CELL} font-mono text-xs`}>{event.event}</td>
              <td className={CELL}>{event.user ?? <Empty />}</td>
              <td className={`${CELL} ${event.outcome === "ok" ? "" : "font-medium text-amber-900 dark:text-amber-200"}`}>{event.outcome}</td>
              <td className={CELL}>{event.account ?? <Empty />}</td>
              <td className={`${CELL} font-mono text-xs`}>{event.address ?? <Empty />}</td>
              <td className={CELL}>
                <Details details={event.details} />
              </td>
              <td className={`${CELL} text-right tabular-nums`}>{event.id}</td>
              <td className={`${CELL} font-mono text-xs`} title={event.hash}>
                {event.hash.slice(0, SHOWN_HASH_CHARS)}…
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
