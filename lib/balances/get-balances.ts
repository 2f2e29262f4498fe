import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "@/lib/balances/api-error";
import type { BalancesQuery } from "@/lib/balances/query";
import { compareTimestamps } from "@/lib/balances/timestamp";
import type { BalancesResponse } from "@/lib/balances/types";

/** Balances as the dashboard holds them: the API's answer and when this dashboard received it. */
export interface BalancesView extends BalancesResponse {
  /** Milliseconds since the epoch, on the clock of whoever fetched it. */
  receivedAt: number;
}

/**
 * Hydrated or just-fetched balances count as fresh this long, so hydration and a quick focus
 * change do not refetch at once. Matches the server's default balances cache window.
 */
const BALANCES_STALE_TIME_MS = 5_000;

export function balancesQueryKey({ connection = null, account, pending }: BalancesQuery) {
  return ["balances", { connection, account, pending }] as const;
}

export function balancesApiPath({ connection = null, account, pending }: BalancesQuery): string {
  const params = new URLSearchParams();
  if (connection !== null) params.set("connection", connection);
  if (account !== null) params.set("account", account);
  params.set("pending", String(pending));
  return `/api/balances?${params}`;
}

async function fetchBalances(query: BalancesQuery, signal?: AbortSignal): Promise<BalancesView> {
  const response = await getJson<BalancesResponse>(balancesApiPath(query), signal);
  return { ...response, receivedAt: Date.now() };
}

function isBalancesView(value: unknown): value is BalancesView {
  return typeof value === "object" && value !== null && "balances" in value && "timestamp" in value;
}

/**
 * Keeps what is on screen when an answer arrives whose `_timestamp` is older (a load balancer
 * or a lagging server can send one): an older snapshot is never shown. Unknown times are kept.
 */
export function keepNewest(shown: unknown, arrived: unknown): unknown {
  if (!isBalancesView(shown) || !isBalancesView(arrived)) return arrived;
  if (shown.timestamp === null || arrived.timestamp === null) return arrived;
  return compareTimestamps(arrived.timestamp, shown.timestamp) < 0 ? shown : arrived;
}

/** Shared by the server prefetch (which swaps in a direct lib call) and the browser hook. */
export function balancesQueryOptions(query: BalancesQuery) {
  return queryOptions({
    queryKey: balancesQueryKey(query),
    queryFn: ({ signal }) => fetchBalances(query, signal),
    staleTime: BALANCES_STALE_TIME_MS,
    structuralSharing: keepNewest,
  });
}

export function useBalances(query: BalancesQuery, { refetchIntervalMs, enabled }: { refetchIntervalMs: number; enabled: boolean }) {
  return useQuery({
    ...balancesQueryOptions(query),
    enabled,
    // Switching account or pending keeps the old table (dimmed) until the new one arrives.
    placeholderData: keepPreviousData,
    refetchInterval: refetchIntervalMs,
    refetchOnWindowFocus: true,
  });
}
