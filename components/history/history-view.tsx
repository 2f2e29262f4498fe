"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { HistoryTable } from "@/components/history/history-table";
import { RangeButtons } from "@/components/history/range-buttons";
import { SnapshotList } from "@/components/history/snapshot-list";
import { TakeSnapshotButton } from "@/components/history/take-snapshot-button";
import { AccountSelect } from "@/components/shared/account-select";
import { ConnectionSelect } from "@/components/shared/connection-select";
import { ErrorBanner } from "@/components/shared/error-banner";
import { pushAddressSearch, useAddressSearch } from "@/components/shared/use-address-search";
import { toDashboardError } from "@/lib/balances/api-error";
import { currencyInfo } from "@/lib/balances/currencies";
import { useAccounts } from "@/lib/balances/get-accounts";
import { ALL_CONNECTIONS } from "@/lib/config/connection-label";
import { useHistory } from "@/lib/history/get-history";
import { historySearch, readHistoryParams, type HistoryParams } from "@/lib/history/history-url";
import { historyWindow } from "@/lib/history/ranges";
import { chartSeries, gapCount, historyCurrencies } from "@/lib/history/series";
import { VALUE_DISPLAY_DECIMALS } from "@/lib/treasury/types";

// recharts is fetched only when a chart is shown.
const HistoryChart = dynamic(() => import("@/components/history/history-chart"), {
  ssr: false,
  loading: () => <p className="h-60 text-sm text-slate-500 dark:text-slate-400">Loading chart…</p>,
});

interface HistoryViewProps {
  mode: "live" | "demo";
  /** Every connection's label, the default first; with more than one a connection selector is shown. */
  connections: readonly string[];
  /** Admins may take a snapshot; other roles do not see the button (the API refuses them anyway). */
  canTakeSnapshot: boolean;
  serverSearch: string;
}

const FRAME = "rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900";
const HEADING = "border-b border-slate-200 px-4 py-3 text-base font-semibold dark:border-slate-800";
const SELECT =
  "rounded-md border border-slate-300 bg-white py-1.5 pr-8 pl-3 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:focus-visible:outline-sky-400";

/** Total value and per-currency amounts over time, with gaps where no snapshot exists, and the snapshots themselves. */
export function HistoryView({ mode, connections, serverSearch, canTakeSnapshot }: HistoryViewProps) {
  const params = readHistoryParams(new URLSearchParams(useAddressSearch(serverSearch)));
  const consolidated = params.connection === ALL_CONNECTIONS;
  // The window ends when the page opened, or when the last snapshot was taken here.
  const [now, setNow] = useState(() => Date.now());
  const [showAll, setShowAll] = useState(false);
  const accounts = useAccounts(consolidated ? null : params.connection);
  const span = historyWindow(params.range, now);
  const history = useHistory({ window: span, connection: params.connection, account: params.account });
  const summed = history.data && "connections" in history.data ? history.data.connections : null;
  const change = (next: Partial<HistoryParams>) => pushAddressSearch(historySearch(window.location.search, next));
  const accountSelect = accounts.data?.master && (
    <AccountSelect accounts={accounts.data.accounts} value={params.account} allAccountsLabel="All accounts" onChange={(account) => change({ account: account || null })} />
  );

  const points = history.data?.points ?? [];
  const currencies = historyCurrencies(points);
  const currency = params.currency && currencies.includes(params.currency) ? params.currency : (currencies[0] ?? null);
  // The answer on screen may be the previous range's while the new one loads: draw it with its own window.
  const shownWindow = history.data ? { ...span, from: history.data.from, to: history.data.to, step: history.data.step } : span;
  const rows = history.data ? chartSeries(points, shownWindow, currency) : [];
  const gaps = gapCount(rows);
  const unit = shownWindow.step === "hour" ? "hours" : "days";
  const currencyDecimals = currency ? currencyInfo(currency).decimals : 0;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <h1 className="text-lg font-semibold tracking-tight">Balance history</h1>
        {connections.length > 1 ? (
          <ConnectionSelect
            connections={connections}
            value={params.connection}
            allConnectionsLabel="All connections"
            onChange={(connection) => change({ connection, account: null })}
          >
            {!consolidated && accountSelect}
          </ConnectionSelect>
        ) : (
          accountSelect
        )}
        <RangeButtons value={params.range} onChange={(range) => change({ range })} />
        <div className="ml-auto">
          {canTakeSnapshot && <TakeSnapshotButton mode={mode} onTaken={() => setNow(Date.now())} />}
        </div>
      </div>

      {history.error && <ErrorBanner error={toDashboardError(history.error)} mode={mode} keepingLastGood={false} />}

      {history.data && (
        <>
          <section aria-labelledby="total-heading" className={FRAME} aria-busy={history.isPlaceholderData}>
            <h2 id="total-heading" className={HEADING}>
              Total value (USD)
            </h2>
            <div className="p-4">
              {summed && (
                <p className="mb-2 text-sm text-slate-600 dark:text-slate-300" data-testid="history-consolidated">
                  Every connection summed ({summed.join(", ")}): each one&apos;s last snapshot in the {shownWindow.step}. A {shownWindow.step} one of them has no snapshot in is marked partial in the table.
                </p>
              )}
              <HistoryChart rows={rows} series="totalY" stakedLabel="Of which staked (USD)" step={shownWindow.step} label="Total value (USD)" decimals={VALUE_DISPLAY_DECIMALS} testId="history-total-chart" />
              <p className="mt-2 text-sm text-slate-600 dark:text-slate-300" data-testid="history-gaps" data-gaps={gaps}>
                {points.length === 0
                  ? "No snapshot in this range."
                  : gaps === 0
                    ? `A snapshot for each of the ${rows.length} ${unit}.`
                    : `${gaps} of ${rows.length} ${unit} have no snapshot: the line breaks there.`}
              </p>
            </div>
          </section>

          {currency && (
            <section aria-labelledby="currency-heading" className={FRAME}>
              <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
                <h2 id="currency-heading" className="text-base font-semibold">
                  Amount of {currency}
                </h2>
                <label htmlFor="history-currency" className="ml-auto text-sm">
                  Currency
                </label>
                <select id="history-currency" value={currency} onChange={(event) => change({ currency: event.target.value })} className={SELECT}>
                  {currencies.map((code) => (
                    <option key={code} value={code}>
                      {code}
                    </option>
                  ))}
                </select>
              </div>
              <div className="p-4">
                <HistoryChart rows={rows} series="amountY" step={shownWindow.step} label={`${currency} amount`} decimals={currencyDecimals} testId="history-currency-chart" />
              </div>
            </section>
          )}

          <details className={FRAME}>
            <summary className="cursor-pointer px-4 py-3 text-base font-semibold focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400">
              The figures as a table
            </summary>
            <div className="border-t border-slate-200 dark:border-slate-800">
              <HistoryTable rows={rows} step={shownWindow.step} currency={currency} currencyDecimals={currencyDecimals} />
            </div>
          </details>
        </>
      )}
      {!history.data && !history.error && (
        <p role="status" className="text-sm text-slate-500 dark:text-slate-400">
          Loading history…
        </p>
      )}

      {(consolidated ? connections : [params.connection]).map((connection) => (
        <section key={connection ?? ""} aria-labelledby={`snapshots-heading-${connection ?? ""}`} className={FRAME}>
          <h2 id={`snapshots-heading-${connection ?? ""}`} className={HEADING}>
            Snapshots{consolidated && ` · ${connection}`}
          </h2>
          <SnapshotList mode={mode} connection={connection} showAll={showAll} onShowAll={() => setShowAll(true)} />
        </section>
      ))}
    </div>
  );
}
