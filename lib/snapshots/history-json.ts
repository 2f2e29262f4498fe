import type { ConsolidatedPoint, HistoryPoint, Statement } from "@/lib/store";
import { balanceRowJson, snapshotJson } from "./json";
import type { ConsolidatedPointJson, HistoryPointJson, StatementJson } from "./types";

/** The store's history types (with Dates) as the API sends them. */

/** What a bucket says, whichever snapshots stand for it. */
function bucketJson(point: Omit<HistoryPoint, "snapshotId">) {
  return {
    at: point.at.toISOString(),
    takenAt: point.takenAt.toISOString(),
    partial: point.partial,
    totalUsd: point.totalUsd,
    currencies: point.currencies,
    staked: point.staked,
    stakedUsd: point.stakedUsd,
    stakingRecorded: point.stakingRecorded,
  };
}

export function historyPointJson(point: HistoryPoint): HistoryPointJson {
  return { ...bucketJson(point), snapshotId: point.snapshotId };
}

export function consolidatedPointJson(point: ConsolidatedPoint): ConsolidatedPointJson {
  return { ...bucketJson(point), snapshotIds: point.snapshotIds, missing: point.missing };
}

export function statementJson(at: Date, statement: Statement): StatementJson {
  return {
    at: at.toISOString(),
    snapshot: snapshotJson(statement.snapshot),
    accounts: statement.accounts,
    balances: statement.balances.map(balanceRowJson),
    totals: statement.totals,
    totalUsd: statement.totalUsd,
    staked: statement.staked,
    stakedTotals: statement.stakedTotals,
    stakedUsd: statement.stakedUsd,
    stakingRecorded: statement.stakingRecorded,
  };
}
