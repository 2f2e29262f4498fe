"use client";

import { AllocationPanel } from "@/components/shared/allocation-panel";
import { useNow } from "@/components/shared/use-now";
import { AccountValuesSection } from "@/components/treasury/account-values-section";
import { ConnectionTotalsSection } from "@/components/treasury/connection-totals-section";
import { ConsolidatedSection } from "@/components/treasury/consolidated-section";
import { OverviewToolbar } from "@/components/treasury/overview-toolbar";
import { RefreshStatus } from "@/components/treasury/refresh-status";
import { storedReadings } from "@/lib/treasury/get-stored-overview";
import { balancesCsv, csvFilename } from "@/lib/treasury/csv";
import { overviewModel } from "@/lib/treasury/overview-model";
import { ALL_ACCOUNTS_SCOPE, type StoredOverviewResponse, type ValuationCurrency } from "@/lib/treasury/types";

interface StoredGroupOverviewProps {
  data: Extract<StoredOverviewResponse, { source: "store" }>;
  pending: boolean;
  currency: ValuationCurrency;
  onCurrencyChange(currency: ValuationCurrency): void;
}

/** The group at once from the history store, each account with its age, refreshed in the background by the server. */
export function StoredGroupOverview({ data, pending, currency, onCurrencyChange }: StoredGroupOverviewProps) {
  const now = useNow();
  const several = data.connections.length > 1;
  const { accounts, readings } = storedReadings(data.accounts, { several });
  const overview = overviewModel({ accounts, readings, pending, currency });
  const buildCsv = () => ({
    filename: csvFilename(ALL_ACCOUNTS_SCOPE, new Date()),
    csv: balancesCsv(overview.csvRows, { pending, valuationCurrency: overview.currency, staking: true }),
  });
  return (
    <div className="flex flex-col gap-4">
      <OverviewToolbar
        currency={currency}
        onCurrencyChange={onCurrencyChange}
        pending={pending}
        total={overview.total}
        stakedTotal={overview.stakedTotal}
        buildCsv={buildCsv}
        exportDisabled={!overview.complete || overview.ready === 0}
      />
      <RefreshStatus refresh={data.refresh} accounts={data.accounts.length} />
      {several && <ConnectionTotalsSection connections={data.connections} total={overview.total} currency={overview.currency} />}
      <AccountValuesSection accounts={overview.accounts} skipped={data.skipped} currency={overview.currency} now={now} />
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
