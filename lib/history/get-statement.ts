import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson, responseError } from "@/lib/balances/api-error";
import { statementApiPath, statementCsvPath } from "@/lib/history/statement";
import type { StatementJson } from "@/lib/snapshots/types";

/** The header the statement CSV carries its own SHA-256 in (computed once, by the CSV route). */
export const CONTENT_SHA256_HEADER = "x-content-sha256";

/** A stored snapshot never changes: once read, a statement is good for as long as the page is open. */
const STATEMENT_STALE_TIME_MS = Infinity;

export interface StatementQuery {
  at: string;
  account: string | null;
  /** The connection's snapshots (null: the default connection's). */
  connection: string | null;
}

export function statementQueryOptions({ at, account, connection }: StatementQuery) {
  return queryOptions({
    queryKey: ["statement", { at, account, connection }] as const,
    queryFn: ({ signal }) => getJson<StatementJson>(statementApiPath(at, account, connection), signal),
    staleTime: STATEMENT_STALE_TIME_MS,
    // 404 no_snapshot and 503 history_off are answers, not hiccups: asking again changes nothing.
    retry: false,
  });
}

export function useStatement(query: StatementQuery, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...statementQueryOptions(query), enabled });
}

async function fetchCsvDigest(at: string, connection: string | null, signal?: AbortSignal): Promise<string | null> {
  const response = await fetch(statementCsvPath(at, connection), { signal, cache: "no-store" });
  if (!response.ok) throw await responseError(response);
  await response.body?.cancel();
  return response.headers.get(CONTENT_SHA256_HEADER);
}

/** The SHA-256 of the statement's CSV, as the CSV route states it for exactly the file it sends. */
export function useStatementDigest(at: string, connection: string | null, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: ["statement-csv-sha256", { at, connection }] as const,
    queryFn: ({ signal }) => fetchCsvDigest(at, connection, signal),
    staleTime: STATEMENT_STALE_TIME_MS,
    retry: false,
    enabled,
  });
}
