import { describe, expect, it } from "vitest";
import { stakingNote, statementSections, statementStakedTotals, statementTotals } from "@/lib/history/statement";
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
    connection: "Demo exchange",
    takenAt: "2026-11-30T23:00:04Z",
    startedAt: "2026-11-30T23:00:00Z",
    status: "partial",
    demo: true,
    accounts: 3,
    failedAccounts: ["payroll"],
  },
  accounts: [
    { account: "primary", status: "ok", errorCode: null, staking: null },
    { account: "treasury", status: "ok", errorCode: null, staking: null },
    { account: "payroll", status: "failed", errorCode: "upstream_timeout", staking: null },
  ],
  balances: [
    row("primary", "USD", "0.10", "0.10"),
    row("primary", "BTC", "42.1234567890123456789", "4086037.3100000000000000001"),
    row("treasury", "ETH", "1", null),
  ],
  totals: { USD: { amount: "0.10", valueUsd: "0.10" }, BTC: { amount: "42.1234567890123456789", valueUsd: "4086037.3100000000000000001" } },
  totalUsd: "4086037.4100000000000000001",
  staked: [],
  stakedTotals: {},
  stakedUsd: null,
  stakingRecorded: false,
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

describe("statementSections with staking", () => {
  const staked: StatementJson = {
    ...statement,
    accounts: [
      { account: "primary", status: "ok", errorCode: null, staking: "staked" },
      { account: "treasury", status: "ok", errorCode: null, staking: "unavailable" },
    ],
    balances: statement.balances.filter((row) => row.account === "primary"),
    staked: [
      { account: "primary", currency: "SOL", balance: "1200.123456789", valueUsd: "216022.22222202" },
      { account: "primary", currency: "ETH", balance: "40.250000000000000001", valueUsd: "136850.0000000000000034" },
    ],
    stakedTotals: { ETH: { amount: "40.250000000000000001", valueUsd: "136850.0000000000000034" }, SOL: { amount: "1200.123456789", valueUsd: "216022.22222202" } },
    stakedUsd: "352872.2222220200000034",
    stakingRecorded: true,
  };
  const [primary, treasury] = statementSections(staked);

  it("keeps staked rows apart, A-Z, and counts their value in the account's total", () => {
    expect(primary!.staked.map((row) => row.currency)).toEqual(["ETH", "SOL"]);
    expect(primary!.rows.map((row) => row.currency)).toEqual(["BTC", "USD"]);
    expect(primary!.totalUsd).toBe("4438909.6322220200000034001");
    expect(statementStakedTotals(staked).map((total) => total.currency)).toEqual(["ETH", "SOL"]);
  });

  it("says why an account has no staked rows", () => {
    expect(treasury!.staked).toEqual([]);
    expect(stakingNote(treasury!.staking)).toMatch(/^No staking/);
    expect(stakingNote(null)).toBe("Staking not recorded in this snapshot.");
    expect(stakingNote("staked")).toBeNull();
  });
});

describe("statementTotals", () => {
  it("lists the totals A-Z", () => {
    expect(statementTotals(statement).map((total) => total.currency)).toEqual(["BTC", "USD"]);
  });
});
