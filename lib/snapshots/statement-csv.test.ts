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

describe("statement CSV", () => {
  it("writes every figure exactly, failed and empty accounts as rows of their own, RFC 4180 quoted and injection-safe", () => {
    const csv = statementCsv({
      accounts: [
        { account: "-cmd", status: "ok", errorCode: null },
        { account: "empty", status: "ok", errorCode: null },
        { account: "primary", status: "ok", errorCode: null },
        { account: "treasury", status: "failed", errorCode: "rate_limited" },
      ],
      balances: [
        row("-cmd", "=HYPERLINK(\"x\")", { amount: "-0.0000000000000000001" }),
        row("primary", "BTC", { amount: "123456789012345678901234567890.1234567890123456789", available: "9007199254740993", pendingDeposit: "0.5", valueUsd: "150.00" }),
        row("primary", "USD", { exchangeTimestamp: null }),
      ],
    });
    expect(csv.split("\r\n")).toEqual([
      "account,currency,amount,available,availableForWithdrawal,pendingDeposit,pendingWithdrawal,valueUsd,takenAt,exchangeTimestamp,status,error",
      `'-cmd,"'=HYPERLINK(""x"")",-0.0000000000000000001,1,1,,,,2026-11-30T23:00:04.123Z,1764633600123456789,ok,`,
      "empty,,,,,,,,,,ok,",
      "primary,BTC,123456789012345678901234567890.1234567890123456789,9007199254740993,1,0.5,,150.00,2026-11-30T23:00:04.123Z,1764633600123456789,ok,",
      "primary,USD,1,1,1,,,,2026-11-30T23:00:04.123Z,,ok,",
      "treasury,,,,,,,,,,failed,rate_limited",
      "",
    ]);
  });

  it("names the file after the time asked for, in UTC", () => {
    expect(statementFilename(new Date("2026-11-30T23:59:59.000Z"))).toBe("statement-20261130T235959Z.csv");
    expect(statementFilename(new Date("2026-11-30T23:59:59.250Z"))).toBe("statement-20261130T235959.250Z.csv");
  });
});
