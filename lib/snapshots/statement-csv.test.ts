import { describe, expect, it } from "vitest";
import { statementCsv, statementFilename } from "./statement-csv";
import type { BalanceRowJson } from "./types";

const row = (account: string, currency: string, figures: Partial<BalanceRowJson> = {}): BalanceRowJson => ({
  account,
  currency,
  amount: "1",
  available: "1",
  availableForWithdrawal: "1",
  pendingDeposit: null,
  pendingWithdrawal: null,
  valueUsd: null,
  takenAt: "2026-11-30T23:00:04.123Z",
  exchangeTimestamp: "1764633600123456789",
  ...figures,
});

const SNAPSHOT = { id: 7, connection: "Gemini", takenAt: "2026-11-30T23:00:05.000Z", startedAt: "2026-11-30T23:00:00.000Z", status: "complete" as const, demo: false, accounts: 2, failedAccounts: [] };

describe("statement CSV", () => {
  it("writes every figure exactly, failed and empty accounts as rows of their own, RFC 4180 quoted and injection-safe", () => {
    const csv = statementCsv({
      snapshot: SNAPSHOT,
      staked: [],
      accounts: [
        { account: "-cmd", status: "ok", errorCode: null, staking: null },
        { account: "empty", status: "ok", errorCode: null, staking: null },
        { account: "primary", status: "ok", errorCode: null, staking: null },
        { account: "treasury", status: "failed", errorCode: "rate_limited", staking: null },
      ],
      balances: [
        row("-cmd", "=HYPERLINK(\"x\")", { amount: "-0.0000000000000000001" }),
        row("primary", "BTC", { amount: "123456789012345678901234567890.1234567890123456789", available: "9007199254740993", pendingDeposit: "0.5", valueUsd: "150.00" }),
        row("primary", "USD", { exchangeTimestamp: null }),
      ],
    });
    expect(csv.split("\r\n")).toEqual([
      "account,currency,amount,available,availableForWithdrawal,pendingDeposit,pendingWithdrawal,valueUsd,takenAt,exchangeTimestamp,status,error,holding",
      `'-cmd,"'=HYPERLINK(""x"")",-0.0000000000000000001,1,1,,,,2026-11-30T23:00:04.123Z,1764633600123456789,ok,,exchange`,
      "empty,,,,,,,,,,ok,,exchange",
      "primary,BTC,123456789012345678901234567890.1234567890123456789,9007199254740993,1,0.5,,150.00,2026-11-30T23:00:04.123Z,1764633600123456789,ok,,exchange",
      "primary,USD,1,1,1,,,,2026-11-30T23:00:04.123Z,,ok,,exchange",
      "treasury,,,,,,,,,,failed,rate_limited,exchange",
      "",
    ]);
  });

  it("follows each account's exchange rows with its staked rows, marked staked; staking that could not be read says so", () => {
    const csv = statementCsv({
      snapshot: SNAPSHOT,
      accounts: [
        { account: "payroll", status: "ok", errorCode: null, staking: "unavailable" },
        { account: "primary", status: "ok", errorCode: null, staking: "staked" },
      ],
      balances: [row("payroll", "USD"), row("primary", "ETH", { amount: "318.75", available: "318.75", availableForWithdrawal: "318.75" })],
      staked: [{ account: "primary", currency: "ETH", balance: "40.250000000000000001", valueUsd: "136850.0000000000000034" }],
    });
    expect(csv.split("\r\n").slice(1)).toEqual([
      "payroll,USD,1,1,1,,,,2026-11-30T23:00:04.123Z,1764633600123456789,ok,,exchange",
      "payroll,,,,,,,,,,no_staking,unavailable,staked",
      "primary,ETH,318.75,318.75,318.75,,,,2026-11-30T23:00:04.123Z,1764633600123456789,ok,,exchange",
      "primary,ETH,40.250000000000000001,,,,,136850.0000000000000034,2026-11-30T23:00:05.000Z,,ok,,staked",
      "",
    ]);
  });

  it("names the file after the time asked for, in UTC", () => {
    expect(statementFilename(new Date("2026-11-30T23:59:59.000Z"))).toBe("statement-20261130T235959Z.csv");
    expect(statementFilename(new Date("2026-11-30T23:59:59.250Z"))).toBe("statement-20261130T235959.250Z.csv");
  });
});
