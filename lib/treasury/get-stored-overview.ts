import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "@/lib/balances/api-error";
import { sumDecimals } from "@/lib/treasury/money";
import { accountKey, type ConnectionAccount } from "@/lib/treasury/connection-rows";
import type { AccountReading } from "@/lib/treasury/overview-model";
import type { StoredOverviewAccount, StoredOverviewResponse } from "@/lib/treasury/types";

/** The store keeps values in USD: another valuation currency is read live. */
export const STORED_CURRENCY = "usd";

/** While a refresh runs the view asks every 2 s, so each account's new figures show as they arrive. */
export const STORED_OVERVIEW_POLL_MS = 2_000;

export function storedOverviewQueryOptions() {
  return queryOptions({
    queryKey: ["overview-stored"] as const,
    queryFn: ({ signal }) => getJson<StoredOverviewResponse>("/api/overview/stored", signal),
    // The page's server render read it just now (lib/treasury/prefetch-stored-overview.ts): not again on mount.
    staleTime: STORED_OVERVIEW_POLL_MS,
  });
}

export function useStoredOverview({ enabled, refreshIntervalMs }: { enabled: boolean; refreshIntervalMs: number }) {
  return useQuery({
    ...storedOverviewQueryOptions(),
    enabled,
    refetchInterval: (query) => {
      const data = query.state.data;
      return data?.source === "store" && (data.refresh.running || data.accounts.length === 0) ? STORED_OVERVIEW_POLL_MS : refreshIntervalMs;
    },
  });
}

/**
 * The stored accounts as the overview model takes them: the group's accounts, and what is known of
 * each. With several connections each account carries its connection (rows, links and CSV say it).
 */
export function storedReadings(
  accounts: readonly StoredOverviewAccount[],
  { several = false }: { several?: boolean } = {},
): { accounts: ConnectionAccount[]; readings: Map<string, AccountReading> } {
  const asAccount = (entry: StoredOverviewAccount): ConnectionAccount => ({
    account: entry.account,
    name: entry.name,
    type: "exchange",
    status: "open",
    ...(several ? { connection: entry.connection } : {}),
  });
  return {
    accounts: accounts.map(asAccount),
    readings: new Map(
      accounts.map((entry): [string, AccountReading] => [
        accountKey(asAccount(entry)),
        {
          ...(entry.asOf === null ? {} : { balances: { timestamp: entry.timestamp, balances: entry.balances } }),
          // The stored total counts the staked value; the model adds that from `staking`.
          ...(entry.asOf === null || entry.total === null
            ? {}
            : { valuation: { total: sumDecimals(entry.values.map((value) => value.amountNotional)), values: entry.values }, staking: entry.staking }),
          stored: { asOf: entry.asOf, refreshing: entry.refreshing, refreshError: entry.refreshError },
        },
      ]),
    ),
  };
}
