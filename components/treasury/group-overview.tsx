"use client";

import { AllocationPanel } from "@/components/shared/allocation-panel";
import { ErrorBanner } from "@/components/shared/error-banner";
import { useAddressSearch } from "@/components/shared/use-address-search";
import { useValuationCurrency } from "@/components/shared/use-valuation-currency";
import { AccountValuesSection } from "@/components/treasury/account-values-section";
import { ConsolidatedSection } from "@/components/treasury/consolidated-section";
import { OverviewProgress } from "@/components/treasury/overview-progress";
import { OverviewToolbar } from "@/components/treasury/overview-toolbar";
import { SingleAccountKeyNotice } from "@/components/treasury/single-account-key-notice";
import { useGroupReadings } from "@/components/treasury/use-group-readings";
import { toDashboardError } from "@/lib/balances/api-error";
import { readDashboardParams } from "@/lib/balances/dashboard-url";
import { balancesCsv, csvFilename } from "@/lib/treasury/csv";
import { overviewModel } from "@/lib/treasury/overview-model";

interface GroupOverviewProps {
  mode: "live" | "demo";
  /** The query string the server rendered, so hydration matches. */
  serverSearch: string;
  refreshIntervalMs: number;
}

const ALL_ACCOUNTS_SCOPE = "all-accounts";

/**
 * Every open exchange account of a master key's group: each account's value, the group total, the
 * balances summed per currency, the allocation and a CSV of it all.
 */
export function GroupOverview({ mode, serverSearch, refreshIntervalMs }: GroupOverviewProps) {
  const { pending } = readDashboardParams(new URLSearchParams(useAddressSearch(serverSearch)));
  const [currency, setCurrency] = useValuationCurrency(serverSearch);
  const { accounts, readings } = useGroupReadings({ pending, currency, refreshIntervalMs });
  const overview = overviewModel({ accounts: accounts.data?.accounts ?? [], readings, pending, currency });

  if (accounts.error) return <ErrorBanner error={toDashboardError(accounts.error)} mode={mode} keepingLastGood={false} />;
  if (accounts.data && !accounts.data.master) return <SingleAccountKeyNotice />;

  const buildCsv = () => ({
    filename: csvFilename(ALL_ACCOUNTS_SCOPE, new Date()),
    csv: balancesCsv(overview.csvRows, { pending, valuationCurrency: overview.currency }),
  });
  return (
    <div className="flex flex-col gap-4">
      <OverviewToolbar
        currency={currency}
        onCurrencyChange={setCurrency}
        pending={pending}
        total={overview.total}
        buildCsv={buildCsv}
        exportDisabled={!overview.complete || overview.ready === 0}
      />
      {!overview.complete && <OverviewProgress done={overview.done} total={accounts.data ? overview.accounts.length : null} />}
      {overview.firstError && <ErrorBanner error={toDashboardError(overview.firstError)} mode={mode} keepingLastGood={false} />}
      <AccountValuesSection accounts={overview.accounts} skipped={overview.skipped} currency={overview.currency} />
      {overview.ready > 0 && (
        <ConsolidatedSection
          rows={overview.rows}
          columns={overview.columns}
          hiddenZeroCount={overview.hiddenZeroCount}
          ready={overview.ready}
          of={overview.accounts.length}
          complete={overview.complete}
        />
      )}
      {overview.complete && <AllocationPanel slices={overview.slices} currency={overview.currency} scope="all accounts" />}
    </div>
  );
}
