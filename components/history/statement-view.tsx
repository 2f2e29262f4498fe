"use client";

import { AsOfPicker, BUTTON } from "@/components/shared/as-of-picker";
import { ConnectionSelect } from "@/components/shared/connection-select";
import { ErrorBanner } from "@/components/shared/error-banner";
import { pushAddressSearch, useAddressSearch } from "@/components/shared/use-address-search";
import { toDashboardError } from "@/lib/balances/api-error";
import { asOfSearch, readAsOf } from "@/lib/history/as-of";
import { useStatement, useStatementDigest } from "@/lib/history/get-statement";
import { stakingNote, statementCsvPath, statementSections, statementStakedTotals, statementTotals } from "@/lib/history/statement";
import { exchangeTime, utcDateTime } from "@/lib/history/time";
import type { StatementJson } from "@/lib/snapshots/types";

interface StatementViewProps {
  mode: "live" | "demo";
  serverSearch: string;
  /** Every connection's label; with more than one a connection selector is shown. */
  connections: readonly string[];
}

const FRAME = "rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900 print:rounded-none print:border-0";
const HEAD = "border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase dark:border-slate-700 dark:text-slate-400";
const CELL = "px-3 py-1.5 print:px-1 print:py-0.5";
const LINK =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700 dark:focus-visible:outline-sky-400";

/** A figure exactly as stored (a statement is a record: nothing floored, nothing rounded). */
function Exact({ value }: { value: string | null }) {
  if (value === null) {
    return (
      <td className={`${CELL} text-right text-slate-500 dark:text-slate-400`}>
        <span aria-hidden="true">–</span>
        <span className="sr-only">none</span>
      </td>
    );
  }
  return (
    <td className={`${CELL} text-right font-mono whitespace-nowrap tabular-nums`} data-exact={value}>
      {value}
    </td>
  );
}

/** A period-end statement: the group's holdings in the snapshot at or before `?at=`, its times and the CSV's SHA-256. */
export function StatementView({ mode, serverSearch, connections }: StatementViewProps) {
  const search = new URLSearchParams(useAddressSearch(serverSearch));
  const at = readAsOf(search);
  const connection = search.get("connection") || null;
  const setAt = (next: string | null) => pushAddressSearch(asOfSearch(window.location.search, next));
  const setConnection = (next: string) => {
    const params = new URLSearchParams(window.location.search);
    params.set("connection", next);
    pushAddressSearch(`?${params}`);
  };
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-lg font-semibold tracking-tight print:text-xl">
        Statement of balances{connections.length > 1 && <span className="font-normal"> · {connection ?? connections[0]}</span>}
      </h1>
      {/* A statement is one key's record: several connections are chosen one at a time. */}
      {connections.length > 1 && (
        <div className="print:hidden">
          <ConnectionSelect connections={connections} value={connection} onChange={setConnection} />
        </div>
      )}
      <AsOfPicker at={at} onChange={setAt} allowLive={false} submitLabel="Show statement" />
      {at === null ? (
        <p className="text-sm">Choose the date and time (UTC) the statement is for: it shows the last snapshot taken at or before it.</p>
      ) : (
        <Statement mode={mode} at={at} connection={connection} />
      )}
    </div>
  );
}

function Statement({ mode, at, connection }: { mode: "live" | "demo"; at: string; connection: string | null }) {
  const statement = useStatement({ at, account: null, connection });
  const digest = useStatementDigest(at, connection, { enabled: statement.isSuccess });
  if (statement.error) return <ErrorBanner error={toDashboardError(statement.error)} mode={mode} keepingLastGood={false} />;
  if (!statement.data) {
    return (
      <p role="status" className="text-sm text-slate-500 dark:text-slate-400">
        Loading the statement…
      </p>
    );
  }
  const data = statement.data;
  return (
    <>
      <StatementHeader data={data} digest={digest.data} digestFailed={digest.isError} />
      <div className="flex flex-wrap gap-3 print:hidden">
        <button type="button" className={BUTTON} onClick={() => window.print()}>
          Print / Save as PDF
        </button>
        <a href={statementCsvPath(at, connection)} download className={LINK}>
          Download CSV
        </a>
      </div>
      {statementSections(data).map((section) => (
        <section key={section.account} aria-labelledby={`account-${section.account}`} className={`${FRAME} break-inside-avoid-page`} data-account={section.account}>
          <h2 id={`account-${section.account}`} className="border-b border-slate-200 px-4 py-3 text-base font-semibold dark:border-slate-800 print:px-0">
            Account {section.account}
            {section.status === "failed" && (
              <span className="ml-2 text-sm font-normal text-rose-800 dark:text-rose-300">not read in this snapshot ({section.errorCode})</span>
            )}
          </h2>
          {section.rows.length === 0 ? (
            <p className="px-4 py-3 text-sm">{section.status === "failed" ? "No balances recorded: the account failed." : "No balances."}</p>
          ) : (
            // Focusable so a keyboard can scroll it sideways on a phone (the figures themselves take no focus).
            <div className="relative overflow-x-auto print:overflow-visible" tabIndex={0} role="region" aria-label={`Balances of account ${section.account}`}>
              <table className="w-full border-collapse text-sm print:text-[8pt]">
                <caption className="sr-only">Balances of account {section.account}</caption>
                <thead className={HEAD}>
                  <tr>
                    {["Currency", "Amount", "Available", "Available for withdrawal", "Pending deposit", "Pending withdrawal", "Value (USD)", "Exchange time (UTC)"].map((header, index) => (
                      <th key={header} scope="col" className={`${CELL} ${index === 0 ? "text-left" : "text-right"}`}>
                        {header}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                  {section.rows.map((row) => (
                    <tr key={row.currency} data-currency={row.currency}>
                      <th scope="row" className={`${CELL} text-left font-semibold`}>
                        {row.currency}
                      </th>
                      <Exact value={row.amount} />
                      <Exact value={row.available} />
                      <Exact value={row.availableForWithdrawal} />
                      <Exact value={row.pendingDeposit} />
                      <Exact value={row.pendingWithdrawal} />
                      <Exact value={row.valueUsd} />
                      <td className={`${CELL} text-right whitespace-nowrap tabular-nums`} title={row.exchangeTimestamp ?? undefined}>
                        {exchangeTime(row.exchangeTimestamp) ?? "–"}
                      </td>
                    </tr>
                  ))}
                </tbody>
                {section.totalUsd !== null && (
                  <tfoot className="border-t border-slate-200 dark:border-slate-700">
                    <tr>
                      <th scope="row" colSpan={6} className={`${CELL} text-left`}>
                        Account total (USD){section.staked.length > 0 ? ", staked included" : ""}
                      </th>
                      <Exact value={section.totalUsd} />
                      <td />
                    </tr>
                  </tfoot>
                )}
              </table>
            </div>
          )}
          {section.status === "ok" && <StakedRows account={section.account} rows={section.staked.map((row) => ({ ...row, amount: row.balance }))} note={stakingNote(section.staking)} />}
        </section>
      ))}
      <section aria-labelledby="totals-heading" className={`${FRAME} break-inside-avoid-page`}>
        <h2 id="totals-heading" className="border-b border-slate-200 px-4 py-3 text-base font-semibold dark:border-slate-800 print:px-0">
          Totals over every account
        </h2>
        <div className="relative overflow-x-auto print:overflow-visible" tabIndex={0} role="region" aria-label="Totals per currency">
          <table className="w-full border-collapse text-sm print:text-[8pt]" data-testid="statement-totals">
            <caption className="sr-only">Totals per currency</caption>
            <thead className={HEAD}>
              <tr>
                <th scope="col" className={`${CELL} text-left`}>
                  Currency
                </th>
                <th scope="col" className={`${CELL} text-right`}>
                  Amount
                </th>
                <th scope="col" className={`${CELL} text-right`}>
                  Value (USD)
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {statementTotals(data).map((total) => (
                <tr key={total.currency} data-currency={total.currency}>
                  <th scope="row" className={`${CELL} text-left font-semibold`}>
                    {total.currency}
                  </th>
                  <Exact value={total.amount} />
                  <Exact value={total.valueUsd} />
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t border-slate-200 dark:border-slate-700">
              <tr>
                <th scope="row" colSpan={2} className={`${CELL} text-left`}>
                  Total value (USD){data.stakedUsd !== null && data.stakedUsd !== "0" ? ", staked included" : ""}
                </th>
                <Exact value={data.totalUsd} />
              </tr>
            </tfoot>
          </table>
        </div>
        {data.stakingRecorded ? (
          statementStakedTotals(data).length > 0 && <StakedRows account={null} rows={statementStakedTotals(data)} note={null} />
        ) : (
          <p className="px-4 py-3 text-sm">{stakingNote(null)}</p>
        )}
      </section>
    </>
  );
}

/**
 * Staked balances (an account's, or the totals over every account), marked as staked and apart
 * from the exchange rows: their amount is never part of "Available". A note says why there are none.
 */
function StakedRows({ account, rows, note }: { account: string | null; rows: { currency: string; amount: string; valueUsd: string | null }[]; note: string | null }) {
  if (rows.length === 0) return note === null ? null : <p className="border-t border-slate-200 px-4 py-3 text-sm dark:border-slate-800">{note}</p>;
  const caption = account === null ? "Staked totals per currency" : `Staked balances of account ${account}`;
  return (
    <div className="relative overflow-x-auto border-t border-slate-200 dark:border-slate-800 print:overflow-visible" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full border-collapse text-sm print:text-[8pt]" data-testid={account === null ? "statement-staked-totals" : "statement-staked"}>
        <caption className="sr-only">{caption}</caption>
        <thead className={HEAD}>
          <tr>
            {["Currency", "Staked", "Value (USD)"].map((header, index) => (
              <th key={header} scope="col" className={`${CELL} ${index === 0 ? "text-left" : "text-right"}`}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.currency} data-currency={row.currency} data-staked="true">
              <th scope="row" className={`${CELL} text-left font-semibold`}>
                {row.currency} staked
              </th>
              <Exact value={row.amount} />
              <Exact value={row.valueUsd} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StatementHeader({ data, digest, digestFailed }: { data: StatementJson; digest: string | null | undefined; digestFailed: boolean }) {
  const { snapshot } = data;
  const facts: [string, string][] = [
    ["As of (UTC)", utcDateTime(data.at, { seconds: true }) ?? data.at],
    ["Snapshot taken (UTC)", utcDateTime(snapshot.takenAt, { seconds: true }) ?? snapshot.takenAt],
    ["Snapshot started (UTC)", utcDateTime(snapshot.startedAt, { seconds: true }) ?? snapshot.startedAt],
    [
      "Status",
      snapshot.status === "complete" ? "Complete" : `${snapshot.status === "partial" ? "Partial" : "Failed"}: ${snapshot.failedAccounts.join(", ")} not read`,
    ],
    ["Accounts", String(snapshot.accounts)],
    ["Connection", snapshot.connection],
  ];
  if (snapshot.demo) facts.push(["Source", "Demo exchange (simulated figures)"]);
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm" data-testid="statement-facts">
      {facts.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="font-medium text-slate-600 dark:text-slate-300">{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
      <div className="contents">
        <dt className="font-medium text-slate-600 dark:text-slate-300">SHA-256 of the CSV</dt>
        <dd className="font-mono text-xs break-all" data-testid="statement-sha256">
          {digest ?? (digestFailed ? "could not be read" : "…")}
        </dd>
      </div>
    </dl>
  );
}
