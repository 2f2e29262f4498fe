"use client";

import { AmountCell } from "@/components/shared/amount-cell";
import { AsOfBanner } from "@/components/shared/as-of-banner";
import { BalancesTable } from "@/components/shared/balances-table";
import { ErrorBanner } from "@/components/shared/error-banner";
import { PortfolioTotal } from "@/components/shared/portfolio-total";
import { toDashboardError } from "@/lib/balances/api-error";
import { visibleColumns } from "@/lib/balances/columns";
import { currencyInfo } from "@/lib/balances/currencies";
import { useStatement } from "@/lib/history/get-statement";
import { asTableBalance, stakingNote, statementSections, statementStakedTotals, statementTotals } from "@/lib/history/statement";
import { valueColumn } from "@/lib/treasury/value-column";
import { VALUE_DISPLAY_DECIMALS } from "@/lib/treasury/types";

interface AsOfStatementProps {
  mode: "live" | "demo";
  at: string;
  /** One account's figures (the dashboard), or every account's (the overview). */
  scope:
    | { kind: "account"; connection: string | null; account: string | null; title: string; pending: boolean }
    /** `label`: one of several connections, under a page heading of its own (the sections are then h2). */
    | { kind: "group"; connection: string | null; label?: string };
  onLive(): void;
}

const FRAME = "overflow-hidden rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900";
const HEAD = "border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase dark:border-slate-700 dark:text-slate-400";
const USD = "USD";

/** The dashboard or the overview as a stored snapshot held them, read from the store, never live. */
export function AsOfStatement({ mode, at, scope, onLive }: AsOfStatementProps) {
  const account = scope.kind === "account" ? scope.account : null;
  const { connection } = scope;
  const statement = useStatement({ at, account, connection });

  if (statement.error) return <ErrorBanner error={toDashboardError(statement.error)} mode={mode} keepingLastGood={false} />;
  const data = statement.data;
  if (!data) {
    return (
      <p role="status" className="text-sm text-slate-500 dark:text-slate-400">
        Loading the snapshot…
      </p>
    );
  }
  const banner = <AsOfBanner at={at} snapshot={data.snapshot} connection={connection} onLive={onLive} />;

  if (scope.kind === "account") {
    const values = new Map(data.balances.flatMap((row) => (row.valueUsd === null ? [] : [[row.currency, row.valueUsd] as const])));
    const columns = [...visibleColumns(scope.pending), valueColumn(values, USD)];
    const failed = data.accounts.find((entry) => entry.status === "failed");
    return (
      <div className="flex flex-col gap-4">
        {banner}
        <section aria-labelledby="as-of-heading" className={FRAME}>
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
            <h1 id="as-of-heading" className="text-lg font-semibold tracking-tight">
              {scope.title}
            </h1>
            <div className="ml-auto">
              <PortfolioTotal total={data.totalUsd ?? undefined} currency={USD} label="Total value" />
            </div>
          </div>
          {failed && (
            <p className="px-4 py-3 text-sm">
              This account could not be read for this snapshot ({failed.errorCode ?? "unknown error"}).
            </p>
          )}
          {data.balances.length === 0 && !failed && (
            <p className="px-4 py-8 text-center text-sm text-slate-500 dark:text-slate-400">This account held no balances.</p>
          )}
          {data.balances.length > 0 && (
            <div className="relative overflow-x-auto">
              <BalancesTable balances={data.balances.map(asTableBalance)} columns={columns} caption={`Balances of ${scope.title} as of ${at}`} />
            </div>
          )}
          {!failed && <StakedTable rows={statementStakedTotals(data)} caption={`Staked balances of ${scope.title} as of ${at}`} note={stakingNote(data.accounts[0]?.staking ?? null)} />}
        </section>
      </div>
    );
  }

  const sections = statementSections(data);
  const totals = statementTotals(data);
  const Heading = scope.label === undefined ? "h1" : "h2";
  const idSuffix = scope.label === undefined ? "" : `-${scope.label}`;
  return (
    <div className="flex flex-col gap-4" data-connection={scope.label}>
      {banner}
      <section aria-labelledby={`as-of-accounts${idSuffix}`} className={FRAME}>
        <div className="flex flex-wrap items-center gap-4 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
          <Heading id={`as-of-accounts${idSuffix}`} className="text-lg font-semibold tracking-tight">
            All accounts{scope.label !== undefined && ` · ${scope.label}`}
          </Heading>
          <div className="ml-auto">
            <PortfolioTotal total={data.totalUsd ?? undefined} currency={USD} label={scope.label === undefined ? "Group total" : `${scope.label} total`} />
          </div>
        </div>
        <div className="relative overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">Value of each account as of {at}</caption>
            <thead className={HEAD}>
              <tr>
                <th scope="col" className="px-3 py-2 text-left">
                  Account
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Value ({USD})
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {sections.map((section) => (
                <tr key={section.account}>
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    {section.account}
                    {section.status === "failed" && <span className="ml-2 text-rose-800 dark:text-rose-300">not read ({section.errorCode})</span>}
                  </th>
                  <AmountCell value={section.totalUsd} decimals={VALUE_DISPLAY_DECIMALS} unit={`in ${USD}`} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby={`as-of-totals${idSuffix}`} className={FRAME}>
        <h2 id={`as-of-totals${idSuffix}`} className="border-b border-slate-200 px-4 py-3 text-base font-semibold dark:border-slate-800">
          Balances summed over every account{scope.label !== undefined && ` of ${scope.label}`}
        </h2>
        <HoldingsTable rows={totals} caption={`Balances of all accounts as of ${at}`} staked={false} />
        <StakedTable rows={statementStakedTotals(data)} caption={`Staked balances of all accounts as of ${at}`} note={data.stakingRecorded ? null : stakingNote(null)} />
      </section>
    </div>
  );
}

interface HoldingRow {
  currency: string;
  amount: string;
  valueUsd: string | null;
}

/** Staked holdings as stored, marked as staked and apart from the balances above (never in their amounts); or why there are none. */
function StakedTable({ rows, caption, note }: { rows: HoldingRow[]; caption: string; note: string | null }) {
  if (rows.length === 0) return note === null ? null : <p className="border-t border-slate-200 px-4 py-3 text-sm dark:border-slate-800">{note}</p>;
  return (
    <div className="border-t border-slate-200 dark:border-slate-800">
      <HoldingsTable rows={rows} caption={caption} staked />
    </div>
  );
}

/** Amount and USD value per currency: the exchange balances, or (staked) the staked ones, each row saying so. */
function HoldingsTable({ rows, caption, staked }: { rows: readonly HoldingRow[]; caption: string; staked: boolean }) {
  const suffix = staked ? " staked" : "";
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full border-collapse text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className={HEAD}>
          <tr>
            <th scope="col" className="px-3 py-2 text-left">
              Currency
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {staked ? "Staked" : "Amount"}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Value ({USD})
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.currency} data-staked={staked ? "true" : undefined}>
              <th scope="row" className="px-3 py-2 text-left font-semibold">
                {row.currency}
                {suffix}
              </th>
              <AmountCell value={row.amount} decimals={currencyInfo(row.currency).decimals} unit={`${row.currency}${suffix}`} />
              <AmountCell value={row.valueUsd} decimals={VALUE_DISPLAY_DECIMALS} unit={`in ${USD}${staked ? ", staked" : ""}`} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
