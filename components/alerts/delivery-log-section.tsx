"use client";

import { MUTED, SECTION } from "@/components/alerts/styles";
import { ErrorBanner } from "@/components/shared/error-banner";
import { toDashboardError } from "@/lib/balances/api-error";
import { useDeliveries } from "@/lib/alerts/delivery/get-destinations";
import type { DeliveryJson, DeliveryStatus } from "@/lib/alerts/delivery/types";
import { utcDateTime } from "@/lib/history/time";

const STATUS_TEXT: Record<DeliveryStatus, string> = {
  pending: "Pending",
  delivered: "Delivered",
  failed: "Retrying",
  gave_up: "Gave up",
};

const STATUS_CLASS: Record<DeliveryStatus, string> = {
  pending: "text-slate-800 dark:text-slate-200",
  delivered: "text-emerald-800 dark:text-emerald-300",
  failed: "text-amber-900 dark:text-amber-200",
  gave_up: "text-rose-800 dark:text-rose-300",
};

function when(iso: string | null): string {
  return (iso && utcDateTime(iso, { seconds: true })) ?? "—";
}

/** What happened and what comes next, in one line. */
function progress(delivery: DeliveryJson): string {
  if (delivery.status === "delivered") return `Delivered ${when(delivery.deliveredAt)} UTC`;
  if (delivery.status === "failed") return `Next try ${when(delivery.nextAttemptAt)} UTC`;
  if (delivery.status === "pending") return delivery.attempts === 0 ? "Sending…" : `Next try ${when(delivery.nextAttemptAt)} UTC`;
  return "No further tries";
}

function Attempts({ delivery }: { delivery: DeliveryJson }) {
  if (delivery.attemptLog.length === 0) return <span className={MUTED}>none yet</span>;
  return (
    <details>
      <summary className="cursor-pointer text-sky-800 dark:text-sky-300">
        {delivery.attempts} {delivery.attempts === 1 ? "attempt" : "attempts"}
      </summary>
      <ol className="mt-1 space-y-1 text-xs">
        {delivery.attemptLog.map((attempt) => (
          <li key={attempt.attempt} data-outcome={attempt.outcome}>
            #{attempt.attempt} {when(attempt.startedAt)} · {attempt.statusCode ? `HTTP ${attempt.statusCode}` : "no answer"} · {attempt.durationMs} ms
            {attempt.error && <span className="block break-all">{attempt.error}</span>}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** Every delivery of every event, newest event first: status, attempts, the next try. */
export function DeliveryLogSection({ mode }: { mode: "live" | "demo" }) {
  const deliveries = useDeliveries();
  const list = deliveries.data?.deliveries;
  return (
    <section aria-labelledby="delivery-log-title" className={SECTION}>
      <div className="border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h2 id="delivery-log-title" className="text-base font-semibold">
          Delivery log
        </h2>
        <p className={`mt-1 text-sm ${MUTED}`}>Each event is sent at least once to every destination; receivers drop repeats by the event id.</p>
      </div>
      {deliveries.error && (
        <div className="p-4">
          <ErrorBanner error={toDashboardError(deliveries.error)} mode={mode} keepingLastGood={false} />
        </div>
      )}
      {!list && !deliveries.error && (
        <p role="status" className={`px-4 py-3 text-sm ${MUTED}`}>
          Loading the delivery log…
        </p>
      )}
      {list && list.length === 0 && <p className="px-4 py-3 text-sm">Nothing delivered yet. Send a test event to a destination to see one here.</p>}
      {list && list.length > 0 && (
        <div className="relative overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="delivery-log">
            <caption className="sr-only">Deliveries, newest event first</caption>
            <thead className={`border-b border-slate-200 text-xs tracking-wide uppercase dark:border-slate-700 ${MUTED}`}>
              <tr>
                <th scope="col" className="px-3 py-2 text-left">
                  Event (UTC)
                </th>
                <th scope="col" className="px-3 py-2 text-left">
                  Destination
                </th>
                <th scope="col" className="px-3 py-2 text-left">
                  Status
                </th>
                <th scope="col" className="px-3 py-2 text-left">
                  Attempts
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {list.map((delivery) => (
                <tr key={delivery.id} data-delivery-id={delivery.id} data-status={delivery.status} data-event-id={delivery.eventId} className="align-top">
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    <span className="whitespace-nowrap tabular-nums">{when(delivery.occurredAt)}</span>
                    <span className="block font-medium">{delivery.ruleName}</span>
                    <span className={`block ${MUTED}`}>{delivery.summary}</span>
                  </th>
                  <td className="px-3 py-2">{delivery.destinationName}</td>
                  <td className="px-3 py-2">
                    <span className={`font-medium ${STATUS_CLASS[delivery.status]}`}>{STATUS_TEXT[delivery.status]}</span>
                    <span className={`block text-xs ${MUTED}`}>{progress(delivery)}</span>
                    {delivery.status !== "delivered" && delivery.lastError && <span className="block text-xs break-all">{delivery.lastError}</span>}
                  </td>
                  <td className="px-3 py-2">
                    <Attempts delivery={delivery} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
