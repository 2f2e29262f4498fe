import "server-only";
import { createHash } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { getSnapshotConnection, getStore } from "@/lib/server/runtime";
import { historyPointJson, statementJson } from "./history-json";
import { historyRange, type HistoryQuery, type StatementCsvQuery, type StatementQuery } from "./history-query";
import { statementCsv, statementFilename } from "./statement-csv";
import type { HistoryJson, StatementJson } from "./types";

/**
 * Reading history for the API. Every read is limited to this deployment's key: a store that once
 * held the demo's (or another key's) snapshots never mixes them into this key's figures.
 */

export async function readHistory(query: HistoryQuery, now: Date): Promise<HistoryJson> {
  const range = historyRange(query, now);
  const store = await getStore();
  const points = await store.history.historyPoints({
    ...range,
    account: query.account ?? undefined,
    currency: query.currency ?? undefined,
    keyFingerprint: getSnapshotConnection().keyFingerprint,
  });
  return { step: range.step, from: range.from.toISOString(), to: range.to.toISOString(), points: points.map(historyPointJson) };
}

export async function readStatement(query: Pick<StatementQuery, "at"> & { account: string | null }): Promise<StatementJson> {
  const store = await getStore();
  const statement = await store.history.statementAt(query.at, {
    account: query.account ?? undefined,
    keyFingerprint: getSnapshotConnection().keyFingerprint,
  });
  if (!statement) throw new ApiError("no_snapshot", `No snapshot was taken at or before ${query.at.toISOString()}.`);
  return statementJson(query.at, statement);
}

export interface StatementCsv {
  csv: string;
  filename: string;
  /** Hex SHA-256 of the CSV's UTF-8 bytes, so an auditor can tell the file was not edited. */
  sha256: string;
}

export async function readStatementCsv(query: StatementCsvQuery): Promise<StatementCsv> {
  const csv = statementCsv(await readStatement({ at: query.at, account: null }));
  return { csv, filename: statementFilename(query.at), sha256: createHash("sha256").update(csv, "utf8").digest("hex") };
}
