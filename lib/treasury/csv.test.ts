import { describe, expect, it } from "vitest";
import { balancesCsv, csvFilename, csvText, type CsvBalanceRow } from "@/lib/treasury/csv";

const row: CsvBalanceRow = {
  account: "primary",
  currency: "BTC",
  amount: "42.1234567890123456789",
  available: "40.5",
  availableForWithdrawal: "40.25",
  pendingWithdrawal: "1.5",
  value: "4085972.31",
  timestamp: "1710547200000000001",
};

describe("csvText", () => {
  it("quotes commas, quotes and line breaks", () => {
    expect(csvText("plain")).toBe("plain");
    expect(csvText("a,b")).toBe('"a,b"');
    expect(csvText('say "hi"')).toBe('"say ""hi"""');
    expect(csvText("two\nlines")).toBe('"two\nlines"');
  });

  it("neutralises text a spreadsheet would run as a formula", () => {
    expect(csvText("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvText("-A1")).toBe("'-A1");
    expect(csvText("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvText("+1,2")).toBe(`"'+1,2"`);
  });
});

describe("balancesCsv", () => {
  it("writes a header and the exact strings, CRLF-terminated", () => {
    const csv = balancesCsv([row], { pending: false, valuationCurrency: null });
    expect(csv).toBe(
      "account,currency,amount,available,availableForWithdrawal,_timestamp\r\n" +
        "primary,BTC,42.1234567890123456789,40.5,40.25,1710547200000000001\r\n",
    );
  });

  it("adds pending and value columns, leaving absent values empty", () => {
    const csv = balancesCsv([row, { ...row, account: null, currency: "USD", pendingWithdrawal: undefined, value: undefined }], {
      pending: true,
      valuationCurrency: "USD",
    });
    const [header, first, second] = csv.split("\r\n");
    expect(header).toBe("account,currency,amount,available,availableForWithdrawal,pendingDeposit,pendingWithdrawal,valueUSD,_timestamp");
    expect(first).toBe("primary,BTC,42.1234567890123456789,40.5,40.25,,1.5,4085972.31,1710547200000000001");
    expect(second).toBe(",USD,42.1234567890123456789,40.5,40.25,,,,1710547200000000001");
  });

  it("keeps negative numbers as numbers and ISO timestamps verbatim", () => {
    const csv = balancesCsv([{ ...row, amount: "-0.5", timestamp: "2024-03-16T00:00:00.000001Z" }], {
      pending: false,
      valuationCurrency: null,
    });
    expect(csv.split("\r\n")[1]).toBe("primary,BTC,-0.5,40.5,40.25,2024-03-16T00:00:00.000001Z");
  });
});

describe("csvFilename", () => {
  it("names the account and the UTC time", () => {
    const at = new Date("2026-11-26T16:30:05.123Z");
    expect(csvFilename("treasury", at)).toBe("gemini-balances-treasury-20261126T163005Z.csv");
    expect(csvFilename(null, at)).toBe("gemini-balances-account-key-20261126T163005Z.csv");
  });
});
