import type { ConsolidatedPoint, HistoryPoint, Statement } from "@/lib/store";
import { balanceRowJson, snapshotJson } from "./json";
import type { ConsolidatedPointJson, HistoryPointJson, StatementJson } from "./types";

/** The store's history types (with Dates) as the API sends them. */

export function historyPointJson(point: HistoryPoint): HistoryPointJson {
  return {
    at: point.at.toISOString(),
    snapshotId: point.snapshotId,
    takenAt: point.takenAt.toISOString(),
    partial: point.partial,
    totalUsd: point.totalUsd,
    currencies: point.currencies,
    staked: point.staked,
    stakedUsd: point.stakedUsd,
    stakingRecorded: point.stakingRecorded,
  };
}

export function consolidatedPointJson(point: ConsolidatedPoint): ConsolidatedPointJson {
  return {
    at: point.at.toISOString(),
    snapshotIds: point.snapshotIds,
    missing: point.missing,
    takenAt: point.takenAt.toISOString(),
    partial: point.partial,
    totalUsd: point.totalUsd,
    currencies: point.currencies,
    staked: point.staked,
    stakedUsd: point.stakedUsd,
    stakingRecorded: point.stakingRecorded,
  };
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
