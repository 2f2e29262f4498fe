"use client";

import type { ReactNode } from "react";
import { AllocationPanel } from "@/components/shared/allocation-panel";
import { AccountValuesSection } from "@/components/treasury/account-values-section";
import { ConnectionTotalsSection } from "@/components/treasury/connection-totals-section";
import { ConsolidatedSection } from "@/components/treasury/consolidated-section";
import { OverviewToolbar } from "@/components/treasury/overview-toolbar";
import { balancesCsv, csvFilename } from "@/lib/treasury/csv";
import type { OverviewModel } from "@/lib/treasury/overview-model";
import { ALL_ACCOUNTS_SCOPE, type ConnectionSubtotal, type SkippedAccount, type ValuationCurrency } from "@/lib/treasury/types";

interface GroupOverviewBodyProps {
  overview: OverviewModel;
  pending: boolean;
  currency: ValuationCurrency;
  onCurrencyChange(currency: ValuationCurrency): void;
  /** Where the figures stand: the live read's progress, or the store's refresh. */
  status: ReactNode;
  /** Each connection's subtotal; null with one connection (no table). */
  connections: readonly ConnectionSubtotal[] | null;
  skipped: readonly SkippedAccount[];
  /** From the store: each row says how old its figures are; live figures have no age. */
  ages?: boolean;
}

/** The all-accounts view, whether its figures are live or stored: toolbar, totals, each account, the sums and the allocation. */
export function GroupOverviewBody({ overview, pending, currency, onCurrencyChange, status, connections, skipped, ages = false }: GroupOverviewBodyProps) {
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
      {status}
      {connections && <ConnectionTotalsSection connections={connections} total={overview.total} currency={overview.currency} />}
      <AccountValuesSection accounts={overview.accounts} skipped={skipped} currency={overview.currency} ages={ages} />
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
