"use client";

import { useNow } from "@/components/shared/use-now";
import { GroupOverviewBody } from "@/components/treasury/group-overview-body";
import { RefreshStatus } from "@/components/treasury/refresh-status";
import { storedReadings } from "@/lib/treasury/get-stored-overview";
import { overviewModel } from "@/lib/treasury/overview-model";
import type { StoredOverviewResponse, ValuationCurrency } from "@/lib/treasury/types";

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
  return (
    <GroupOverviewBody
      overview={overview}
      pending={pending}
      currency={currency}
      onCurrencyChange={onCurrencyChange}
      status={<RefreshStatus refresh={data.refresh} accounts={data.accounts.length} />}
      connections={several ? data.connections : null}
      skipped={data.skipped}
      now={now}
    />
  );
}
