"use client";

import { useAddressSearch } from "@/components/shared/use-address-search";
import { useValuationCurrency } from "@/components/shared/use-valuation-currency";
import { LiveGroupOverview } from "@/components/treasury/live-group-overview";
import { StoredGroupOverview } from "@/components/treasury/stored-group-overview";
import { readDashboardParams } from "@/lib/balances/dashboard-url";
import { STORED_CURRENCY, useStoredOverview } from "@/lib/treasury/get-stored-overview";

interface GroupOverviewProps {
  mode: "live" | "demo";
  /** The query string the server rendered, so hydration matches. */
  serverSearch: string;
  refreshIntervalMs: number;
  /** Every connection's label, the default first. */
  connections?: readonly string[];
}

/**
 * Every open exchange account of a master key's group: each account's value, the group total, the
 * balances summed per currency, the allocation and a CSV of it all. From the history store at once
 * when it has the group; live from Gemini where it does not (and for an account key, or when the
 * store fails, whose view says why).
 */
export function GroupOverview({ mode, serverSearch, refreshIntervalMs, connections = [] }: GroupOverviewProps) {
  const { pending } = readDashboardParams(new URLSearchParams(useAddressSearch(serverSearch)));
  const [currency, setCurrency] = useValuationCurrency(serverSearch);
  const fromStore = currency === STORED_CURRENCY;
  const stored = useStoredOverview({ enabled: fromStore, refreshIntervalMs });

  if (fromStore && stored.data?.source === "store") {
    return <StoredGroupOverview data={stored.data} pending={pending} currency={currency} onCurrencyChange={setCurrency} />;
  }
  if (fromStore && stored.isPending) {
    return (
      <p role="status" className="text-sm text-slate-500 dark:text-slate-400">
        Loading the group…
      </p>
    );
  }
  return (
    <LiveGroupOverview
      mode={mode}
      pending={pending}
      currency={currency}
      onCurrencyChange={setCurrency}
      refreshIntervalMs={refreshIntervalMs}
      connections={connections}
    />
  );
}
