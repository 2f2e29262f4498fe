"use client";

import { ErrorBanner } from "@/components/shared/error-banner";
import { GroupOverviewBody } from "@/components/treasury/group-overview-body";
import { OverviewProgress } from "@/components/treasury/overview-progress";
import { SingleAccountKeyNotice } from "@/components/treasury/single-account-key-notice";
import { useGroupReadings } from "@/components/treasury/use-group-readings";
import { toDashboardError } from "@/lib/balances/api-error";
import { connectionSubtotals, overviewModel } from "@/lib/treasury/overview-model";
import type { ValuationCurrency } from "@/lib/treasury/types";

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

  return (
    <GroupOverviewBody
      overview={overview}
      pending={pending}
      currency={currency}
      onCurrencyChange={setCurrency}
      status={
        <>
          {!overview.complete && <OverviewProgress done={overview.done} total={group.loaded ? overview.accounts.length : null} />}
          {overview.firstError && <ErrorBanner error={toDashboardError(overview.firstError)} mode={mode} keepingLastGood={false} />}
        </>
      }
      connections={group.connectionLabels.length > 1 ? connectionSubtotals(overview.accounts, group.connectionLabels) : null}
      skipped={overview.skipped}
    />
  );
}
