import { describe, expect, it } from "vitest";
import { balance } from "@/testkit/balances";
import { allocation, consolidate, csvRows, valuationTotals } from "@/lib/treasury/overview";
import type { NotionalBalance } from "@/lib/treasury/types";

const notional = (currency: string, amount: string, amountNotional: string): NotionalBalance => ({
  currency,
  amount,
  amountNotional,
  available: amount,
  availableNotional: amountNotional,
  availableForWithdrawal: amount,
  availableForWithdrawalNotional: amountNotional,
});

const primary = {
  balances: [balance("BTC", "0.1", { pendingDeposit: "0.05" }), balance("USD", "100.10")],
  values: [notional("BTC", "0.1", "9700.00"), notional("USD", "100.10", "100.10")],
};
const treasury = {
  balances: [balance("BTC", "0.2000000000000000001"), balance("EUR", "10")],
  values: [notional("BTC", "0.2000000000000000001", "19400.00"), notional("EUR", "10", "10.80")],
};

describe("valuationTotals", () => {
  it("sums the notional strings exactly", () => {
    expect(valuationTotals([notional("A", "1", "0.10"), notional("B", "1", "0.20")])).toEqual({ total: "0.30", totalAvailable: "0.30" });
  });
});

describe("consolidate", () => {
  it("sums each currency across accounts, largest value first", () => {
    const rows = consolidate([primary, treasury], false);
    expect(rows.map((row) => row.currency)).toEqual(["BTC", "USD", "EUR"]);
    expect(rows[0]).toEqual({
      currency: "BTC",
      amount: "0.3000000000000000001",
      available: "0.3000000000000000001",
      availableForWithdrawal: "0.3000000000000000001",
      value: "29100.00",
      accounts: 2,
    });
  });

  it("adds pending sums only when pending is on", () => {
    const [btc] = consolidate([primary, treasury], true);
    expect(btc?.pendingDeposit).toBe("0.05");
    expect(btc?.pendingWithdrawal).toBe("0");
  });
});

describe("allocation", () => {
  it("gives shares of the positive total and leaves zeros out", () => {
    const slices = allocation([
      { currency: "USD", value: "25.00" },
      { currency: "BTC", value: "75.00" },
      { currency: "DOGE", value: "0.00" },
    ]);
    expect(slices).toEqual([
      { currency: "BTC", value: "75.00", share: 0.75, percent: "75.0" },
      { currency: "USD", value: "25.00", share: 0.25, percent: "25.0" },
    ]);
  });

  it("merges one currency held in several accounts", () => {
    expect(allocation([{ currency: "BTC", value: "1.50" }, { currency: "BTC", value: "2.50" }])).toEqual([
      { currency: "BTC", value: "4.00", share: 1, percent: "100.0" },
    ]);
  });
});

describe("csvRows", () => {
  it("joins the value by currency and carries the timestamp", () => {
    const rows = csvRows("primary", { timestamp: "17", balances: primary.balances }, primary.values);
    expect(rows[0]).toEqual({
      account: "primary",
      currency: "BTC",
      amount: "0.1",
      available: "0.1",
      availableForWithdrawal: "0.1",
      pendingDeposit: "0.05",
      value: "9700.00",
      timestamp: "17",
    });
    expect(csvRows(null, { timestamp: null, balances: primary.balances }, undefined)[1]?.value).toBeUndefined();
  });
});
