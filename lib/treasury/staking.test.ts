import { describe, expect, it } from "vitest";
import type { Balance, Staking } from "@/lib/balances/types";
import { balancesCsv } from "@/lib/treasury/csv";
import { csvRows } from "@/lib/treasury/overview";
import {
  pricesIn,
  valueStaking,
  stakedColumn,
  stakedSlices,
  stakedTotal,
  stakedValues,
  unpricedStaked,
  withStakedCurrencies,
} from "@/lib/treasury/staking";

const exchange = (currency: string, amount: string): Balance => ({ type: "exchange", currency, amount, available: amount, availableForWithdrawal: amount });

const staking: Staking = {
  state: "staked",
  balances: [
    { currency: "ETH", balance: "40.250000000000000001", available: "40.250000000000000001", availableForWithdrawal: "8.25", providers: [] },
    { currency: "MATIC", balance: "10", available: "10", availableForWithdrawal: "0", providers: [] },
    { currency: "SOL", balance: "1200.123456789", available: "1200.123456789", availableForWithdrawal: "0", providers: [] },
  ],
};
const none: Staking = { state: "none", reason: "unavailable" };
const prices = pricesIn(
  [
    { pair: "ETHUSD", price: "3400.01" },
    { pair: "SOLUSD", price: "180" },
    { pair: "ETHEUR", price: "3148.14814815" },
    { pair: "BTCGUSD", price: "1" },
  ],
  "usd",
);

describe("staked values", () => {
  it("takes the pairs quoted in the valuation currency", () => {
    // "BTCGUSD" is BTC in GUSD; read as "BTCG", a code no balance has, it values nothing.
    expect(prices).toEqual({ USD: "1", ETH: "3400.01", SOL: "180", BTCG: "1" });
  });

  it("values each staked balance exactly, and leaves out a currency without a price", () => {
    expect(stakedValues(staking, prices)).toEqual(
      new Map([
        ["ETH", "136850.40250000000000340001"],
        ["SOL", "216022.22222202"],
      ]),
    );
    expect(stakedTotal(staking, prices)).toBe("352872.62472202000000340001");
    expect(unpricedStaked(staking, prices)).toEqual(["MATIC"]);
  });

  it("is nothing for no staking or no prices", () => {
    expect(stakedTotal(none, prices)).toBe("0");
    expect(stakedTotal(staking, null)).toBe("0");
    expect(stakedSlices(staking, prices).map((slice) => slice.currency)).toEqual(["ETH staked", "SOL staked"]);
  });
});

describe("the Staked column and rows", () => {
  it("adds a zero exchange row for a currency held only staked, and never touches available", () => {
    const rows = withStakedCurrencies([exchange("ETH", "1.5"), exchange("USD", "10")], staking);
    expect(rows.map((row) => [row.currency, row.available])).toEqual([
      ["ETH", "1.5"],
      ["USD", "10"],
      ["MATIC", "0"],
      ["SOL", "0"],
    ]);
  });

  it("shows the staked balance, or says no staking for an account whose staking could not be read", () => {
    expect(stakedColumn(staking).value(exchange("ETH", "1"))).toBe("40.250000000000000001");
    expect(stakedColumn(staking).value(exchange("USD", "1"))).toBeNull();
    expect(stakedColumn(staking).emptyText).toBeUndefined();
    expect(stakedColumn(none)).toMatchObject({ emptyText: "no staking" });
  });
});

describe("CSV with staking", () => {
  const snapshot = { timestamp: "1710547200000000001", balances: [exchange("ETH", "1.5"), exchange("USD", "10")] };

  it("has staked and its value as columns of their own, beside the exchange figures", () => {
    const values = [
      { currency: "ETH", amount: "1.5", amountNotional: "5100.02", available: "1.5", availableNotional: "5100.02", availableForWithdrawal: "1.5", availableForWithdrawalNotional: "5100.02" },
    ];
    const csv = balancesCsv(csvRows("primary", snapshot, values, valueStaking(staking, prices)), { pending: false, valuationCurrency: "USD", staking: true });
    expect(csv.split("\r\n")).toEqual([
      "account,currency,amount,available,availableForWithdrawal,valueUSD,staked,stakedValueUSD,_timestamp",
      "primary,ETH,1.5,1.5,1.5,5100.02,40.250000000000000001,136850.40250000000000340001,1710547200000000001",
      "primary,USD,10,10,10,,0,,1710547200000000001",
      "primary,MATIC,0,0,0,,10,,1710547200000000001",
      "primary,SOL,0,0,0,,1200.123456789,216022.22222202,1710547200000000001",
      "",
    ]);
  });

  it("says no staking in the staked column when it could not be read", () => {
    const csv = balancesCsv(csvRows("primary", snapshot, undefined, valueStaking(none, null)), { pending: false, valuationCurrency: null, staking: true });
    expect(csv.split("\r\n")[0]).toBe("account,currency,amount,available,availableForWithdrawal,staked,_timestamp");
    expect(csv.split("\r\n")[1]).toBe("primary,ETH,1.5,1.5,1.5,no staking,1710547200000000001");
  });
});
