"use client";

import { useMemo } from "react";
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
  const several = data.connections.length > 1;
  // Summing hundreds of accounts exactly is the view's dearest step: once per answer, not per render.
  const overview = useMemo(() => overviewModel({ ...storedReadings(data.accounts, { several }), pending, currency }), [data.accounts, several, pending, currency]);
  return (
    <GroupOverviewBody
      overview={overview}
      pending={pending}
      currency={currency}
      onCurrencyChange={onCurrencyChange}
      status={<RefreshStatus refresh={data.refresh} accounts={data.accounts.length} />}
      connections={several ? data.connections : null}
      skipped={data.skipped}
      ages
    />
  );
}
