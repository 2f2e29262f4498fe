"use client";

import { useQueries, useQueryClient, type QueryKey } from "@tanstack/react-query";
import Link from "next/link";
import { BalancesTable } from "@/components/shared/balances-table";
import { pushAddressSearch, useAddressSearch } from "@/components/shared/use-address-search";
import { ErrorBanner } from "@/components/shared/error-banner";
import { Switch } from "@/components/ui/switch";
import { AllocationPanel } from "@/components/shared/allocation-panel";
import { ExportCsvButton } from "@/components/shared/export-csv-button";
import { PortfolioTotal } from "@/components/shared/portfolio-total";
import { useValuationCurrency } from "@/components/shared/use-valuation-currency";
import { ValuationCurrencySelect } from "@/components/shared/valuation-currency-select";
import { toDashboardError } from "@/lib/balances/api-error";
import { isZeroBalance, visibleColumns } from "@/lib/balances/columns";
import { dashboardSearch, readDashboardParams } from "@/lib/balances/dashboard-url";
import { useAccounts } from "@/lib/balances/get-accounts";
import { balancesQueryOptions, type BalancesView } from "@/lib/balances/get-balances";
import type { Account, Balance } from "@/lib/balances/types";
import { balancesCsv, csvFilename } from "@/lib/treasury/csv";
import { valuationQueryOptions } from "@/lib/treasury/get-valuation";
import { formatAmount } from "@/lib/balances/format";
import { sumDecimals } from "@/lib/treasury/money";
import { allocation, consolidate, csvRows } from "@/lib/treasury/overview";
import { valueColumn } from "@/lib/treasury/value-column";
import { VALUE_DISPLAY_DECIMALS, type ValuationResponse } from "@/lib/treasury/types";

interface GroupOverviewProps {
  mode: "live" | "demo";
  /** The query string the server rendered, so hydration matches. */
  serverSearch: string;
  refreshIntervalMs: number;
}

const ALL_ACCOUNTS_SCOPE = "all-accounts";

function isIncluded(account: Account): boolean {
  return account.type === "exchange" && account.status === "open";
}

function skipReason(account: Account): string {
  return account.type === "custody" ? "custody account, no exchange balances" : "closed";
}

/**
 * Every open exchange account of a master key's group: each account's value, the group total, the
 * balances summed per currency, the allocation and a CSV of it all. Accounts load one after another
 * (each waits for the one before), so the group never takes more than its share of the key's budget.
 */
export function GroupOverview({ mode, serverSearch, refreshIntervalMs }: GroupOverviewProps) {
  const { pending } = readDashboardParams(new URLSearchParams(useAddressSearch(serverSearch)));
  const [currency, setCurrency] = useValuationCurrency(serverSearch);
  const accounts = useAccounts();
  const queryClient = useQueryClient();
  const included = (accounts.data?.accounts ?? []).filter(isIncluded);
  const skipped = (accounts.data?.accounts ?? []).filter((account) => !isIncluded(account));

  const plan = included.flatMap((account) => [
    balancesQueryOptions({ account: account.account, pending }),
    valuationQueryOptions({ account: account.account, currency }),
  ]);
  const settled = (queryKey: QueryKey) => {
    const state = queryClient.getQueryState(queryKey);
    return state !== undefined && state.status !== "pending";
  };
  const results = useQueries({
    queries: plan.map((options, index) => ({
      ...options,
      enabled: accounts.data?.master === true && plan.slice(0, index).every((earlier) => settled(earlier.queryKey)),
      refetchInterval: refreshIntervalMs,
    })),
  });

  const loaded = included.map((account, index) => {
    const balances = results[index * 2]?.data as BalancesView | undefined;
    const valuation = results[index * 2 + 1]?.data as ValuationResponse | undefined;
    const error = results[index * 2]?.error ?? results[index * 2 + 1]?.error ?? null;
    return { account, balances, valuation, error };
  });
  const done = loaded.filter((entry) => (entry.balances && entry.valuation) || entry.error).length;
  const complete = included.length > 0 && done === included.length;
  const ready = loaded.flatMap((entry) =>
    entry.balances && entry.valuation ? [{ ...entry, balances: entry.balances, valuation: entry.valuation }] : [],
  );
  const upper = currency.toUpperCase();
  const groupTotal = complete && ready.length === included.length ? sumDecimals(ready.map((entry) => entry.valuation.total)) : undefined;

  const consolidated = consolidate(
    ready.map((entry) => ({ balances: entry.balances.balances, values: entry.valuation.values })),
    pending,
  );
  const consolidatedRows: Balance[] = consolidated.map(({ currency: code, amount, available, availableForWithdrawal, pendingDeposit, pendingWithdrawal }) => ({
    type: "exchange",
    currency: code,
    amount,
    available,
    availableForWithdrawal,
    ...(pendingDeposit === undefined ? {} : { pendingDeposit }),
    ...(pendingWithdrawal === undefined ? {} : { pendingWithdrawal }),
  }));
  const columns = [
    ...visibleColumns(pending),
    valueColumn(new Map(consolidated.map((row) => [row.currency, row.value])), upper),
  ];
  const nonZeroRows = consolidatedRows.filter((row) => !isZeroBalance(row, columns));
  const zeroCount = consolidatedRows.length - nonZeroRows.length;
  const slices = allocation(consolidated.map((row) => ({ currency: row.currency, value: row.value })));

  const buildCsv = () => ({
    filename: csvFilename(ALL_ACCOUNTS_SCOPE, new Date()),
    csv: balancesCsv(
      ready.flatMap((entry) => csvRows(entry.account.account, entry.balances, entry.valuation.values)),
      { pending, valuationCurrency: upper },
    ),
  });

  if (accounts.error) return <ErrorBanner error={toDashboardError(accounts.error)} mode={mode} keepingLastGood={false} />;
  if (accounts.data && !accounts.data.master) {
    return (
      <p className="text-sm">
        The overview covers the accounts of a master (group) API key; this key reads one account.{" "}
        <Link href="/" className="font-medium text-sky-800 underline dark:text-sky-300">
          See its balances
        </Link>
        .
      </p>
    );
  }

  const firstError = loaded.find((entry) => entry.error)?.error;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
        <ValuationCurrencySelect value={currency} onChange={setCurrency} />
        <Switch checked={pending} onChange={(next) => pushAddressSearch(dashboardSearch(window.location.search, { pending: next }))}>
          Show pending balances
        </Switch>
        <Link
          href="/"
          className="text-sm font-medium text-sky-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:text-sky-300"
        >
          One account
        </Link>
        <div className="ml-auto flex items-end gap-4">
          <PortfolioTotal total={groupTotal} currency={upper} label="Group total" />
          <ExportCsvButton build={buildCsv} disabled={!complete || ready.length === 0} />
        </div>
      </div>

      {!complete && (
        <div role="status" className="flex items-center gap-3 text-sm text-slate-600 dark:text-slate-300">
          <progress
            value={done}
            max={Math.max(included.length, 1)}
            aria-label="Accounts loaded"
            className="h-2 w-48 accent-sky-700 dark:accent-sky-400"
          />
          <span data-testid="overview-progress">
            {accounts.data ? `Loading accounts: ${done} of ${included.length}` : "Loading the group's accounts…"}
          </span>
        </div>
      )}

      {firstError && <ErrorBanner error={toDashboardError(firstError)} mode={mode} keepingLastGood={false} />}

      <section
        aria-labelledby="overview-accounts"
        className="rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900"
      >
        <h1 id="overview-accounts" className="border-b border-slate-200 px-4 py-3 text-lg font-semibold tracking-tight dark:border-slate-800">
          All accounts
        </h1>
        <div className="overflow-x-auto">
          <table className="w-full min-w-max border-collapse text-sm">
            <caption className="sr-only">Value of each open exchange account in {upper}</caption>
            <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase dark:border-slate-700 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  Account
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Value ({upper})
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {loaded.map(({ account, valuation, error }) => (
                <tr key={account.account} data-account={account.account}>
                  <th scope="row" className="px-3 py-2 text-left font-normal">
                    <Link
                      href={`/?account=${encodeURIComponent(account.account)}`}
                      className="font-semibold text-sky-800 hover:underline dark:text-sky-300"
                    >
                      {account.name || account.account}
                    </Link>
                    {account.name && account.name !== account.account && (
                      <span className="ml-2 text-slate-500 dark:text-slate-400">{account.account}</span>
                    )}
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {valuation ? (
                      <data value={valuation.total} title={`${valuation.total} in ${upper}`} data-exact={valuation.total}>
                        {formatAmount(valuation.total, VALUE_DISPLAY_DECIMALS)}
                      </data>
                    ) : error ? (
                      <span className="text-red-700 dark:text-red-300">{toDashboardError(error).message}</span>
                    ) : (
                      <span className="text-slate-400 dark:text-slate-500">Loading…</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {skipped.length > 0 && (
          <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
            Not included: {skipped.map((account) => `${account.name || account.account} (${skipReason(account)})`).join("; ")}.
          </p>
        )}
      </section>

      {ready.length > 0 && (
        <section
          aria-labelledby="overview-consolidated"
          className="rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 id="overview-consolidated" className="border-b border-slate-200 px-4 py-3 text-base font-semibold dark:border-slate-800">
            Per currency, across {complete ? "all accounts" : `${ready.length} of ${included.length} accounts`}
            {zeroCount > 0 && (
              <span className="ml-2 text-sm font-normal text-slate-500 dark:text-slate-400">
                {zeroCount} zero {zeroCount === 1 ? "balance" : "balances"} not shown
              </span>
            )}
          </h2>
          <div className="overflow-x-auto">
            <BalancesTable balances={nonZeroRows} columns={columns} caption="Balances summed per currency across accounts" />
          </div>
        </section>
      )}

      {complete && <AllocationPanel slices={slices} currency={upper} scope="all accounts" />}
    </div>
  );
}
