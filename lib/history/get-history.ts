import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "@/lib/balances/api-error";
import type { HistoryWindow } from "@/lib/history/ranges";
import type { ConsolidatedHistoryJson, HistoryJson } from "@/lib/snapshots/types";

export interface HistoryQuery {
  window: HistoryWindow;
  /** A connection's label, "all" for every connection summed, or null for the default connection. */
  connection: string | null;
  /** One account, or null for every account. */
  account: string | null;
}

/** Snapshots arrive at most every few minutes; a minute's staleness costs nothing. */
const HISTORY_STALE_TIME_MS = 60_000;

export function historyApiPath({ window, connection, account }: HistoryQuery): string {
  const params = new URLSearchParams({ from: window.from, to: window.to, step: window.step });
  if (connection !== null) params.set("connection", connection);
  if (account !== null) params.set("account", account);
  return `/api/history?${params}`;
}

export function historyQueryOptions(query: HistoryQuery) {
  return queryOptions({
    queryKey: ["history", { from: query.window.from, to: query.window.to, step: query.window.step, connection: query.connection, account: query.account }] as const,
    queryFn: ({ signal }) => getJson<HistoryJson | ConsolidatedHistoryJson>(historyApiPath(query), signal),
    staleTime: HISTORY_STALE_TIME_MS,
    retry: false,
  });
}

export function useHistory(query: HistoryQuery) {
  // Changing range or account keeps the old chart until the new one arrives.
  return useQuery({ ...historyQueryOptions(query), placeholderData: keepPreviousData });
}
