import "server-only";
import { createHash } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { assertInScope, connectionScope, type AccountScope } from "@/lib/auth/scope";
import { ALL_CONNECTIONS } from "@/lib/config/connection-label";
import { connectionLabels } from "@/lib/server/exchange-key";
import { getSnapshotConnection, getStore } from "@/lib/server/runtime";
import type { Store } from "@/lib/store";
import { consolidatedPointJson, historyPointJson, statementJson } from "./history-json";
import { scopedSummary } from "./service";
import { historyRange, type HistoryQuery, type StatementCsvQuery, type StatementQuery } from "./history-query";
import { statementCsv, statementFilename } from "./statement-csv";
import type { ConsolidatedHistoryJson, HistoryJson, StatementJson } from "./types";

/**
 * Reading history for the API. Every read is limited to one connection's key (connection=, the
 * default one when not named): a store that once held the demo's (or another key's) snapshots
 * never mixes them into this key's figures. A scoped
 * caller's figures and totals are those of their accounts only, summed by the store.
 */

/** The store's account filter for a scope: nothing for the whole group. */
const scopeFilter = (scope: AccountScope) => (scope === null ? {} : { accounts: scope });

/** A store that cannot be opened or answer (server down, DATA_DIR held) is a 503, not a fault of the request. */
export async function fromStore<T>(read: (store: Store) => Promise<T>): Promise<T> {
  try {
    return await read(await getStore());
  } catch (error) {
    if (error instanceof ApiError) throw error;
    console.error(JSON.stringify({ event: "store_unavailable", message: error instanceof Error ? error.message : String(error) }));
    throw new ApiError("store_unavailable", "The history store did not answer; live balances are not affected.");
  }
}

export async function readHistory(query: HistoryQuery, now: Date, callerScope: AccountScope): Promise<HistoryJson | ConsolidatedHistoryJson> {
  if (query.connection === ALL_CONNECTIONS) return readConsolidatedHistory(query, now, callerScope);
  const scope = connectionScope(callerScope, query.connection);
  assertInScope(scope, query.account);
  const range = historyRange(query, now);
  const keyFingerprint = getSnapshotConnection(query.connection).keyFingerprint;
  const points = await fromStore((store) =>
    store.history.historyPoints({ ...range, account: query.account ?? undefined, ...scopeFilter(scope), currency: query.currency ?? undefined, keyFingerprint }),
  );
  return { step: range.step, from: range.from.toISOString(), to: range.to.toISOString(), points: points.map(historyPointJson) };
}

/**
 * Every connection's history summed per bucket (`?connection=all`). Each connection is read within
 * the caller's scope there; a connection in which a scoped caller has no account is left out, so
 * its absence never marks every point partial. No account filter: names belong to one connection.
 */
async function readConsolidatedHistory(query: HistoryQuery, now: Date, callerScope: AccountScope): Promise<ConsolidatedHistoryJson> {
  const range = historyRange(query, now);
  const connections = connectionLabels().flatMap((label) => {
    const scope = connectionScope(callerScope, label);
    if (scope !== null && scope.length === 0) return [];
    return [{ label, keyFingerprint: getSnapshotConnection(label).keyFingerprint, ...scopeFilter(scope) }];
  });
  const points = await fromStore((store) => store.history.consolidatedHistoryPoints({ ...range, currency: query.currency ?? undefined }, connections));
  return {
    step: range.step,
    from: range.from.toISOString(),
    to: range.to.toISOString(),
    connections: connections.map(({ label }) => label),
    points: points.map(consolidatedPointJson),
  };
}

export async function readStatement(
  query: Pick<StatementQuery, "at"> & { account: string | null; connection?: string | null },
  callerScope: AccountScope,
): Promise<StatementJson> {
  const scope = connectionScope(callerScope, query.connection);
  assertInScope(scope, query.account);
  const keyFingerprint = getSnapshotConnection(query.connection).keyFingerprint;
  const statement = await fromStore((store) =>
    store.history.statementAt(query.at, { account: query.account ?? undefined, ...scopeFilter(scope), keyFingerprint }),
  );
  if (!statement) throw new ApiError("no_snapshot", `No snapshot was taken at or before ${query.at.toISOString()}.`);
  // The snapshot's own counts name the whole group's failures: a scoped caller gets theirs.
  return statementJson(query.at, scope === null ? statement : { ...statement, snapshot: scopedSummary(statement.snapshot, statement.accounts) });
}

export interface StatementCsv {
  csv: string;
  filename: string;
  /** Hex SHA-256 of the CSV's UTF-8 bytes, so an auditor can tell the file was not edited. */
  sha256: string;
}

export async function readStatementCsv(query: StatementCsvQuery, scope: AccountScope): Promise<StatementCsv> {
  const csv = statementCsv(await readStatement({ at: query.at, account: null, connection: query.connection }, scope));
  return { csv, filename: statementFilename(query.at), sha256: createHash("sha256").update(csv, "utf8").digest("hex") };
}
