"use client";

import { ErrorBanner } from "@/components/shared/error-banner";
import { toDashboardError } from "@/lib/balances/api-error";
import { useAlertEvents } from "@/lib/alerts/get-alerts";
import type { AlertEventKind } from "@/lib/alerts/types";
import { utcDateTime } from "@/lib/history/time";
import { FRAME } from "./rules-styles";

const KIND_STYLE: Readonly<Record<AlertEventKind, { label: string; className: string }>> = {
  fired: { label: "Fired", className: "bg-rose-100 text-rose-900 dark:bg-rose-950 dark:text-rose-100" },
  resolved: { label: "Resolved", className: "bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" },
  test: { label: "Test", className: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200" },
};

/** What the rules recorded, newest first: each transition once, with the time its condition changed. */
export function EventsSection({ mode }: { mode: "live" | "demo" }) {
  const events = useAlertEvents();
  const list = events.data?.events;
  return (
    <section aria-labelledby="events-heading" className={FRAME}>
      <h2 id="events-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold dark:border-slate-800">
        Recent events
      </h2>
      {events.error && (
        <div className="p-4">
          <ErrorBanner error={toDashboardError(events.error)} mode={mode} keepingLastGood={false} />
        </div>
      )}
      {!list && !events.error && (
        <p role="status" className="px-4 py-3 text-sm text-slate-600 dark:text-slate-300">
          Loading events…
        </p>
      )}
      {list && list.length === 0 && <p className="px-4 py-3 text-sm">No rule has fired yet.</p>}
      {list && list.length > 0 && (
        <ol className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="alert-events">
          {list.map((event) => (
            <li key={event.id} className="flex flex-col gap-1 px-4 py-3 text-sm" data-event-id={event.id} data-kind={event.kind}>
              <p className="flex flex-wrap items-baseline gap-x-3">
                <span className={`rounded-sm px-1.5 py-0.5 font-semibold ${KIND_STYLE[event.kind].className}`}>{KIND_STYLE[event.kind].label}</span>
                <span className="font-medium">{event.ruleName}</span>
                <time dateTime={event.occurredAt} className="text-slate-600 tabular-nums dark:text-slate-300">
                  {utcDateTime(event.occurredAt, { seconds: true })} UTC
                </time>
              </p>
              <p>{event.summary}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
