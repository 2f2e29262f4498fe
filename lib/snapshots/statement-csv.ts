/**
 * The statement as CSV (RFC 4180): one row per (account, currency), every figure exactly as
 * stored, and one row for each account that has none (failed, or holding nothing) so no account
 * is ever silently missing. Staked balances follow each account's exchange rows, marked `staked`
 * in the last column (their `amount` is the staked balance; never part of `available`). Client-safe;
 * cells go through the dashboard's one CSV writer.
 */
import { csvDecimal, csvDocument, csvText } from "@/lib/treasury/csv";
import type { BalanceRowJson, SnapshotStakedJson, StatementJson } from "./types";

export const STATEMENT_CSV_HEADER = [
  "account",
  "currency",
  "amount",
  "available",
  "availableForWithdrawal",
  "pendingDeposit",
  "pendingWithdrawal",
  "valueUsd",
  "takenAt",
  "exchangeTimestamp",
  "status",
  "error",
  "holding",
] as const;

const EXCHANGE = "exchange";
const STAKED = "staked";

function balanceCells(row: BalanceRowJson): string[] {
  return [
    csvText(row.account),
    csvText(row.currency),
    csvDecimal(row.amount),
    csvDecimal(row.available),
    csvDecimal(row.availableForWithdrawal),
    csvDecimal(row.pendingDeposit),
    csvDecimal(row.pendingWithdrawal),
    csvDecimal(row.valueUsd),
    csvText(row.takenAt),
    csvText(row.exchangeTimestamp ?? ""),
    "ok",
    "",
    EXCHANGE,
  ];
}

function stakedCells(row: SnapshotStakedJson, takenAt: string): string[] {
  return [csvText(row.account), csvText(row.currency), csvDecimal(row.balance), "", "", "", "", csvDecimal(row.valueUsd), csvText(takenAt), "", "ok", "", STAKED];
}

export function statementCsv(statement: Pick<StatementJson, "accounts" | "balances" | "staked" | "snapshot">): string {
  const rows: string[][] = [];
  for (const outcome of statement.accounts) {
    const balances = statement.balances.filter((row) => row.account === outcome.account);
    if (balances.length > 0) {
      rows.push(...balances.map(balanceCells));
    } else {
      // Nothing recorded for the account: its row says why (failed with its code, or ok and empty).
      rows.push([csvText(outcome.account), "", "", "", "", "", "", "", "", "", outcome.status, csvText(outcome.errorCode ?? ""), EXCHANGE]);
    }
    rows.push(...statement.staked.filter((row) => row.account === outcome.account).map((row) => stakedCells(row, statement.snapshot.takenAt)));
    // Staking that could not be read says so in a row of its own; not recorded (older snapshots) adds none.
    if (outcome.staking === "not_permitted" || outcome.staking === "unavailable") {
      rows.push([csvText(outcome.account), "", "", "", "", "", "", "", "", "", "no_staking", outcome.staking, STAKED]);
    }
  }
  return csvDocument(STATEMENT_CSV_HEADER, rows);
}

/** e.g. statement-20261130T235959Z.csv (the time asked for, in UTC). */
export function statementFilename(at: Date): string {
  return `statement-${at.toISOString().replace(/[-:]/g, "").replace(/\.000Z$/, "Z")}.csv`;
}
