/** The store's snapshot records as the API's JSON (types only from the store: nothing server-side is bundled). */
import type { BalanceRow, SnapshotContents, SnapshotSummary } from "@/lib/store";
import type { SnapshotBalanceJson, SnapshotDetailResponse, SnapshotJson } from "@/lib/snapshots/types";

export function snapshotJson(summary: SnapshotSummary): SnapshotJson {
  return {
    id: summary.id,
    connection: summary.connection.label,
    takenAt: summary.takenAt.toISOString(),
    startedAt: summary.startedAt.toISOString(),
    status: summary.status,
    demo: summary.demo,
    accounts: summary.accountCount,
    failedAccounts: summary.failedAccounts,
  };
}

export function balanceRowJson(row: BalanceRow): SnapshotBalanceJson {
  return {
    account: row.account,
    currency: row.currency,
    amount: row.amount,
    available: row.available,
    availableForWithdrawal: row.availableForWithdrawal,
    pendingDeposit: row.pendingDeposit,
    pendingWithdrawal: row.pendingWithdrawal,
    valueUsd: row.valueUsd,
    takenAt: row.takenAt.toISOString(),
    exchangeTimestamp: row.exchangeTimestamp,
  };
}

export function snapshotDetailJson({ snapshot, accounts, balances, staked }: SnapshotContents): SnapshotDetailResponse {
  return { snapshot: snapshotJson(snapshot), accounts, balances: balances.map(balanceRowJson), staked };
}
