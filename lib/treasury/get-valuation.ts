import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "@/lib/balances/api-error";
import type { ValuationQuery } from "@/lib/treasury/query";
import type { ValuationResponse } from "@/lib/treasury/types";

/** As the balances: a value just fetched is not asked for again within the server's cache window. */
const VALUATION_STALE_TIME_MS = 5_000;

function valuationApiPath({ connection = null, account, currency }: ValuationQuery): string {
  const params = new URLSearchParams();
  if (connection !== null) params.set("connection", connection);
  if (account !== null) params.set("account", account);
  params.set("currency", currency);
  return `/api/valuation?${params}`;
}

export function valuationQueryOptions(query: ValuationQuery) {
  return queryOptions({
    queryKey: ["valuation", { connection: query.connection ?? null, account: query.account, currency: query.currency }] as const,
    queryFn: ({ signal }) => getJson<ValuationResponse>(valuationApiPath(query), signal),
    staleTime: VALUATION_STALE_TIME_MS,
  });
}

export function useValuation(query: ValuationQuery, { enabled, refetchIntervalMs }: { enabled: boolean; refetchIntervalMs: number }) {
  return useQuery({
    ...valuationQueryOptions(query),
    enabled,
    placeholderData: keepPreviousData,
    refetchInterval: refetchIntervalMs,
    refetchOnWindowFocus: true,
  });
}
