"use client";

import { useState } from "react";
import { DestinationForm } from "@/components/alerts/destination-form";
import { DestinationRow } from "@/components/alerts/destination-row";
import { SecretOnce } from "@/components/alerts/secret-once";
import { MUTED, SECTION } from "@/components/alerts/styles";
import { ErrorBanner } from "@/components/shared/error-banner";
import { toDashboardError, type DashboardError } from "@/lib/balances/api-error";
import { useDestinations } from "@/lib/alerts/delivery/get-destinations";

/** Where alerts go: the list of destinations and the form to add one (alerts:manage). */
export function DestinationsSection({ mode }: { mode: "live" | "demo" }) {
  const destinations = useDestinations();
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [actionError, setActionError] = useState<DashboardError | null>(null);
  const list = destinations.data?.destinations;
  return (
    <section aria-labelledby="destinations-title" className={SECTION}>
      <div className="border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h2 id="destinations-title" className="text-base font-semibold">
          Destinations
        </h2>
        <p className={`mt-1 text-sm ${MUTED}`}>
          Every alert event goes to each destination that is on: signed JSON webhooks or Slack. Failed deliveries are retried for 24 hours.
        </p>
      </div>
      {destinations.error && (
        <div className="p-4">
          <ErrorBanner error={toDashboardError(destinations.error)} mode={mode} keepingLastGood={false} />
        </div>
      )}
      {actionError && (
        <div className="p-4">
          <ErrorBanner error={actionError} mode={mode} keepingLastGood={false} />
        </div>
      )}
      {!list && !destinations.error && (
        <p role="status" className={`px-4 py-3 text-sm ${MUTED}`}>
          Loading destinations…
        </p>
      )}
      {list && list.length === 0 && <p className="px-4 py-3 text-sm">No destination yet: add one below.</p>}
      {list && list.length > 0 && (
        <div className="relative overflow-x-auto">
          <table className="w-full border-collapse text-sm" data-testid="destinations">
            <caption className="sr-only">Alert destinations</caption>
            <thead className={`border-b border-slate-200 text-xs tracking-wide uppercase dark:border-slate-700 ${MUTED}`}>
              <tr>
                <th scope="col" className="px-3 py-2 text-left">
                  Name
                </th>
                <th scope="col" className="px-3 py-2 text-left">
                  Format
                </th>
                <th scope="col" className="px-3 py-2 text-left">
                  URL
                </th>
                <th scope="col" className="px-3 py-2 text-left">
                  Delivery
                </th>
                <th scope="col" className="px-3 py-2 text-left">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {list.map((destination) => (
                <DestinationRow
                  key={destination.id}
                  destination={destination}
                  onNewSecret={(name, value) => setSecret({ name, secret: value })}
                  onError={(error) => setActionError(toDashboardError(error))}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {secret && <SecretOnce name={secret.name} secret={secret.secret} onDismiss={() => setSecret(null)} />}
      <div className="border-t border-slate-200 dark:border-slate-800">
        <DestinationForm
          mode={mode}
          onCreated={(saved) => {
            setActionError(null);
            if (saved.secret) setSecret({ name: saved.destination.name, secret: saved.secret });
          }}
        />
      </div>
    </section>
  );
}
