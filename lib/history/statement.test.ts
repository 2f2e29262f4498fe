import { describe, expect, it } from "vitest";
import { statementSections, statementTotals } from "@/lib/history/statement";
import type { BalanceRowJson, StatementJson } from "@/lib/snapshots/types";

const row = (account: string, currency: string, amount: string, valueUsd: string | null): BalanceRowJson => ({
  account,
  currency,
  amount,
  available: amount,
  availableForWithdrawal: amount,
  pendingDeposit: null,
  pendingWithdrawal: null,
  valueUsd,
  takenAt: "2026-11-30T23:00:04Z",
  exchangeTimestamp: "1764543604000000000",
});

const statement: StatementJson = {
  at: "2026-11-30T23:59:00Z",
  snapshot: {
    id: 7,
    takenAt: "2026-11-30T23:00:04Z",
    startedAt: "2026-11-30T23:00:00Z",
    status: "partial",
    demo: true,
    accounts: 3,
    failedAccounts: ["payroll"],
  },
  accounts: [
    { account: "primary", status: "ok", errorCode: null },
    { account: "treasury", status: "ok", errorCode: null },
    { account: "payroll", status: "failed", errorCode: "upstream_timeout" },
  ],
  balances: [
    row("primary", "USD", "0.10", "0.10"),
    row("primary", "BTC", "42.1234567890123456789", "4086037.3100000000000000001"),
    row("treasury", "ETH", "1", null),
  ],
  totals: { USD: { amount: "0.10", valueUsd: "0.10" }, BTC: { amount: "42.1234567890123456789", valueUsd: "4086037.3100000000000000001" } },
  totalUsd: "4086037.4100000000000000001",
};

describe("statementSections", () => {
  const sections = statementSections(statement);

  it("lists every account, the failed one too, with its rows A-Z", () => {
    expect(sections.map((section) => [section.account, section.status, section.rows.map((r) => r.currency)])).toEqual([
      ["primary", "ok", ["BTC", "USD"]],
      ["treasury", "ok", ["ETH"]],
      ["payroll", "failed", []],
    ]);
  });

  it("sums an account's USD values exactly, and gives none when a value is missing", () => {
    expect(sections[0]!.totalUsd).toBe("4086037.4100000000000000001");
    expect(sections[1]!.totalUsd).toBeNull();
    expect(sections[2]!.totalUsd).toBeNull();
  });
});

describe("statementTotals", () => {
  it("lists the totals A-Z", () => {
    expect(statementTotals(statement).map((total) => total.currency)).toEqual(["BTC", "USD"]);
  });
});
