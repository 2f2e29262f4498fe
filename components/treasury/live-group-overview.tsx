"use client";

import { AllocationPanel } from "@/components/shared/allocation-panel";
import { ErrorBanner } from "@/components/shared/error-banner";
import { AccountValuesSection } from "@/components/treasury/account-values-section";
import { ConnectionTotalsSection } from "@/components/treasury/connection-totals-section";
import { ConsolidatedSection } from "@/components/treasury/consolidated-section";
import { OverviewProgress } from "@/components/treasury/overview-progress";
import { OverviewToolbar } from "@/components/treasury/overview-toolbar";
import { SingleAccountKeyNotice } from "@/components/treasury/single-account-key-notice";
import { useGroupReadings } from "@/components/treasury/use-group-readings";
import { toDashboardError } from "@/lib/balances/api-error";
import { balancesCsv, csvFilename } from "@/lib/treasury/csv";
import { connectionSubtotals, overviewModel } from "@/lib/treasury/overview-model";
import { ALL_ACCOUNTS_SCOPE, type ValuationCurrency } from "@/lib/treasury/types";

interface LiveGroupOverviewProps {
  mode: "live" | "demo";
  pending: boolean;
  currency: ValuationCurrency;
  onCurrencyChange(currency: ValuationCurrency): void;
  refreshIntervalMs: number;
  /** Every connection's label, the default first. */
  connections: readonly string[];
}

/**
 * The group read live from Gemini, account after account, with progress: where there is no
 * history store, no snapshot yet, or a valuation currency the store does not keep.
 */
export function LiveGroupOverview({ mode, pending, currency, onCurrencyChange: setCurrency, refreshIntervalMs, connections }: LiveGroupOverviewProps) {
  const group = useGroupReadings({ connections, pending, currency, refreshIntervalMs });
  const overview = overviewModel({ accounts: group.accounts, readings: group.readings, pending, currency });

  if (group.error) return <ErrorBanner error={toDashboardError(group.error)} mode={mode} keepingLastGood={false} />;
  if (group.loaded && !group.master) return <SingleAccountKeyNotice />;

  const buildCsv = () => ({
    filename: csvFilename(ALL_ACCOUNTS_SCOPE, new Date()),
    csv: balancesCsv(overview.csvRows, { pending, valuationCurrency: overview.currency, staking: true }),
  });
  return (
    <div className="flex flex-col gap-4">
      <OverviewToolbar
        currency={currency}
        onCurrencyChange={setCurrency}
        pending={pending}
        total={overview.total}
        stakedTotal={overview.stakedTotal}
        buildCsv={buildCsv}
        exportDisabled={!overview.complete || overview.ready === 0}
      />
      {!overview.complete && <OverviewProgress done={overview.done} total={group.loaded ? overview.accounts.length : null} />}
      {overview.firstError && <ErrorBanner error={toDashboardError(overview.firstError)} mode={mode} keepingLastGood={false} />}
      {group.connectionLabels.length > 1 && (
        <ConnectionTotalsSection connections={connectionSubtotals(overview.accounts, group.connectionLabels)} total={overview.total} currency={overview.currency} />
      )}
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
