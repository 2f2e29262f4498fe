"use client";

import { useState } from "react";
import { AccountAllocation } from "@/components/balances/account-allocation";
import { AccountSelect } from "@/components/shared/account-select";
import { ConnectionSelect } from "@/components/shared/connection-select";
import { AccountValueBar } from "@/components/balances/account-value-bar";
import { Freshness } from "@/components/balances/freshness";
import { OverviewLink } from "@/components/balances/overview-link";
import { RefreshButton } from "@/components/balances/refresh-button";
import { StakingSection } from "@/components/balances/staking-section";
import { TableSkeleton } from "@/components/balances/table-skeleton";
import { useAccountValuation } from "@/components/balances/use-account-valuation";
import { useChangeSince } from "@/components/balances/use-change-since";
import { BalancesTable } from "@/components/shared/balances-table";
import { ErrorBanner } from "@/components/shared/error-banner";
import { pushAddressSearch, useAddressSearch } from "@/components/shared/use-address-search";
import { Switch } from "@/components/ui/switch";
import { toDashboardError, type DashboardError } from "@/lib/balances/api-error";
import { isZeroBalance, visibleColumns } from "@/lib/balances/columns";
import { dashboardSearch, readDashboardParams, type DashboardParams } from "@/lib/balances/dashboard-url";
import { defaultAccount, useAccounts } from "@/lib/balances/get-accounts";
import { useBalances } from "@/lib/balances/get-balances";
import { changeColumn } from "@/lib/history/change-column";
import { sumDecimals } from "@/lib/treasury/money";
import { stakedColumn, stakedTotal, stakedValueColumn, stakedValues, withStakedCurrencies } from "@/lib/treasury/staking";
import { withValueColumn } from "@/lib/treasury/value-column";

interface BalancesDashboardProps {
  mode: "live" | "demo";
  refreshIntervalMs: number;
  /** The address query the server rendered for (`?account=...&pending=1`). */
  serverSearch: string;
  /** What went wrong when the server prepared this page, shown until the browser's own answer. */
  initialError: DashboardError | null;
  /** Every connection's label; with more than one a connection selector is shown. */
  connections?: readonly string[];
}

/** Puts the choice in the address: reload, links and back keep it. */
function navigate(change: Partial<DashboardParams>): void {
  pushAddressSearch(dashboardSearch(window.location.search, change));
}

export function BalancesDashboard({ mode, refreshIntervalMs, serverSearch, initialError, connections = [] }: BalancesDashboardProps) {
  const params = readDashboardParams(new URLSearchParams(useAddressSearch(serverSearch)));
  const { connection } = params;
  const accounts = useAccounts(connection);
  const master = accounts.data?.master ?? false;
  const account = master ? (params.account ?? defaultAccount(accounts.data?.accounts ?? [])) : params.account;
  const ready = accounts.data !== undefined && (!master || account !== null);
  const balances = useBalances({ connection, account, pending: params.pending }, { refetchIntervalMs: refreshIntervalMs, enabled: ready });
  const [serverError, setServerError] = useState(initialError);
  const [hideZero, setHideZero] = useState(true);
  const valuation = useAccountValuation({
    serverSearch,
    connection,
    account,
    shownAccount: balances.data?.account,
    enabled: ready,
    refetchIntervalMs: refreshIntervalMs,
  });

  const change = (next: Partial<DashboardParams>) => {
    setServerError(null); // it was about the view being left
    navigate(next);
  };

  // Without the account list there is no account to read yet: fetch that first.
  const refresh = () => void (ready ? balances.refetch({ cancelRefetch: false }) : accounts.refetch({ cancelRefetch: false }));

  const data = balances.data;
  const queryError = balances.error ?? accounts.error;
  const error = queryError ? toDashboardError(queryError) : data || balances.isFetched ? null : serverError;
  const stale = balances.isRefetchError;
  const switching = balances.isPlaceholderData;
  const accountList = accounts.data?.accounts ?? [];
  const shownAccount = accountList.find((candidate) => candidate.account === data?.account);
  const title = shownAccount?.name || data?.account || "Balances";

  const exchangeColumns = withValueColumn(visibleColumns(data?.pending ?? false), valuation.shown, data?.account);
  // Staked figures stand in their own columns, beside the exchange ones, never inside them.
  const stakingColumns = data
    ? [stakedColumn(data.staking), ...(valuation.shown ? [stakedValueColumn(stakedValues(data.staking, valuation.shown.prices), valuation.shown.currency)] : [])]
    : [];
  const columns = [...exchangeColumns, ...stakingColumns];
  const usd = valuation.shown?.currency === "USD" ? valuation.shown : undefined;
  const since = useChangeSince({
    connection,
    account: data?.account ?? null,
    live: data?.balances,
    // The Total value shown: the exchange value plus the staked value (account-value-bar).
    liveTotalUsd: usd && data ? sumDecimals([usd.total, stakedTotal(data.staking, usd.prices)]) : undefined,
    liveExchangeUsd: usd?.total,
    receivedAt: data?.receivedAt,
    enabled: ready && data !== undefined && !switching,
  });
  // A change is not a holding: it never keeps a zero balance on screen.
  const tableColumns = since.changes ? [...columns, changeColumn(since.changes)] : columns;
  const allRows = data ? withStakedCurrencies(data.balances, data.staking) : [];
  const nonZero = allRows.filter((balance) => !isZeroBalance(balance, columns));
  const hiddenCount = data && hideZero ? allRows.length - nonZero.length : 0;
  const rows = hideZero ? nonZero : allRows;

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        {connections.length > 1 ? (
          <ConnectionSelect connections={connections} value={connection} onChange={(next) => change({ connection: next, account: null })}>
            {master && accounts.data && <AccountSelect accounts={accountList} value={account} onChange={(next) => change({ account: next })} />}
          </ConnectionSelect>
        ) : (
          master && accounts.data && <AccountSelect accounts={accountList} value={account} onChange={(next) => change({ account: next })} />
        )}
        {accounts.data && !master && (
          <p className="text-sm text-slate-600 dark:text-slate-300">This API key reads the one account it belongs to.</p>
        )}
        <Switch checked={params.pending} onChange={(pending) => change({ pending })}>
          Show pending balances
        </Switch>
        <div className="ml-auto flex items-center gap-3">
          {data && <Freshness receivedAt={data.receivedAt} stale={stale} />}
          <RefreshButton busy={balances.isFetching || accounts.isFetching} onRefresh={refresh} />
          <OverviewLink />
        </div>
      </div>

      {error && <ErrorBanner error={error} mode={mode} keepingLastGood={stale} />}

      {master && accounts.data && account === null && (
        <p className="text-sm">This key&apos;s group has no exchange account, so there are no exchange balances to show.</p>
      )}

      {(data || !error) && ready && (
        <section
          aria-labelledby="balances-heading"
          aria-busy={switching}
          className={`overflow-hidden rounded-lg border bg-white shadow-xs dark:bg-slate-900 ${stale ? "border-amber-400 dark:border-amber-600" : "border-slate-200 dark:border-slate-800"}`}
        >
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
            <h1 id="balances-heading" className="text-lg font-semibold tracking-tight">
              {title}
              {data?.account && shownAccount?.name && shownAccount.name !== data.account && (
                <span className="ml-2 text-sm font-normal text-slate-500 dark:text-slate-400">{data.account}</span>
              )}
            </h1>
            {switching && (
              <p role="status" className="text-sm text-slate-500 dark:text-slate-400">
                Loading…
              </p>
            )}
            <div className="ml-auto flex items-center gap-3">
              {hiddenCount > 0 && (
                <p className="text-sm text-slate-500 dark:text-slate-400" data-testid="hidden-count">
                  {hiddenCount} zero {hiddenCount === 1 ? "balance" : "balances"} hidden
                </p>
              )}
              <Switch checked={hideZero} onChange={setHideZero}>
                Hide zero balances
              </Switch>
            </div>
          </div>
          {data && (
            <div className="border-b border-slate-200 px-4 py-3 dark:border-slate-800">
              <AccountValueBar valuation={valuation} balances={data} rows={rows} staking={data.staking} totalChange={since.total === null ? null : { change: since.total, since: since.takenAt }} />
            </div>
          )}
          {!data && <TableSkeleton />}
          {data && allRows.length === 0 && (
            <p className="px-4 py-8 text-center text-sm text-slate-500 dark:text-slate-400">This account holds no balances.</p>
          )}
          {data && allRows.length > 0 && rows.length === 0 && (
            <p className="px-4 py-8 text-center text-sm text-slate-500 dark:text-slate-400">
              Every balance in this account is zero.{" "}
              <button type="button" onClick={() => setHideZero(false)} className="font-medium text-sky-800 underline dark:text-sky-300">
                Show them
              </button>
            </p>
          )}
          {rows.length > 0 && (
            <div className={`relative overflow-x-auto transition-opacity ${switching ? "opacity-50" : ""}`}>
              <BalancesTable balances={rows} columns={tableColumns} caption={`Balances of ${title}`} />
            </div>
          )}
          {data && <StakingSection staking={data.staking} />}
        </section>
      )}

      {data && <AccountAllocation valuation={valuation.shown} staking={data.staking} scope={title} />}
    </div>
  );
}
