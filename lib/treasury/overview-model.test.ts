import { describe, expect, it } from "vitest";
import { balance } from "@/testkit/balances";
import type { Account } from "@/lib/balances/types";
import { accountConnection } from "@/lib/treasury/connection-rows";
import { connectionSubtotals, overviewModel, overviewScope, type AccountReading } from "@/lib/treasury/overview-model";
import type { NotionalBalance } from "@/lib/treasury/types";

const exchange = (account: string, name: string, status: Account["status"] = "open"): Account => ({ account, name, type: "exchange", status });
const custody = (account: string, name: string, status: Account["status"] = "open"): Account => ({ account, name, type: "custody", status });

const notional = (currency: string, amount: string, amountNotional: string): NotionalBalance => ({
  currency,
  amount,
  amountNotional,
  available: amount,
  availableNotional: amountNotional,
  availableForWithdrawal: amount,
  availableForWithdrawalNotional: amountNotional,
});

const primary = exchange("primary", "Operating");
const treasury = exchange("treasury", "Treasury Reserve");
const legacy = exchange("legacy", "Legacy OTC Desk", "closed");
const cold = custody("cold", "Cold Storage");
const group = [primary, legacy, treasury, cold];

const primaryReading: AccountReading = {
  balances: {
    timestamp: "1700000000123456789",
    balances: [balance("BTC", "0.1", { pendingDeposit: "0.05" }), balance("USD", "100.10"), balance("ETH", "0")],
  },
  valuation: {
    total: "9800.10",
    values: [notional("BTC", "0.1", "9700.00"), notional("USD", "100.10", "100.10"), notional("ETH", "0", "0.00")],
  },
  staking: { state: "staked", balances: [] },
  error: null,
};
const treasuryReading: AccountReading = {
  balances: {
    timestamp: "1700000000987654321",
    balances: [balance("BTC", "0.2000000000000000001"), balance("ETH", "0"), balance("DOGE", "0.000000001")],
  },
  valuation: {
    total: "19400.0000000001",
    values: [notional("BTC", "0.2000000000000000001", "19400.00"), notional("ETH", "0", "0.00"), notional("DOGE", "0.000000001", "0.0000000001")],
  },
  staking: { state: "staked", balances: [] },
  error: null,
};

const model = (readings: Record<string, AccountReading>, pending = false) =>
  overviewModel({ accounts: group, readings: new Map(Object.entries(readings)), pending, currency: "usd" });

describe("overviewScope", () => {
  it("covers open exchange accounts in the group's order and names why the others are left out", () => {
    const closedCustody = custody("vault", "Old Vault", "closed");
    expect(overviewScope([...group, closedCustody])).toEqual({
      included: [primary, treasury],
      skipped: [
        { account: "legacy", name: "Legacy OTC Desk", reason: "closed" },
        { account: "cold", name: "Cold Storage", reason: "custody" },
        // A custody account has no exchange balances, open or closed.
        { account: "vault", name: "Old Vault", reason: "custody" },
      ],
    });
  });

  it("leaves nothing in for a group of custody and closed accounts", () => {
    expect(overviewScope([legacy, cold]).included).toEqual([]);
  });
});

describe("overviewModel", () => {
  it("before any answer: every included account loading, no total, nothing summed", () => {
    const overview = model({});
    expect(overview.accounts).toEqual([
      { account: primary, total: undefined, staking: null, error: null, stored: null },
      { account: treasury, total: undefined, staking: null, error: null, stored: null },
    ]);
    expect(overview.skipped.map((skipped) => skipped.reason)).toEqual(["closed", "custody"]);
    expect([overview.done, overview.ready, overview.complete]).toEqual([0, 0, false]);
    expect(overview.total).toBeUndefined();
    expect(overview.rows).toEqual([]);
    expect(overview.csvRows).toEqual([]);
    expect(overview.firstError).toBeNull();
  });

  it("with one account in: its row valued, the sums over it alone, still no group total", () => {
    const overview = model({ primary: primaryReading });
    expect(overview.accounts[0]?.total).toBe("9800.10");
    expect([overview.done, overview.ready, overview.complete]).toEqual([1, 1, false]);
    expect(overview.total).toBeUndefined();
    expect(overview.rows.map((row) => row.currency)).toEqual(["BTC", "USD"]);
  });

  it("an account whose valuation has not arrived is not done and not summed", () => {
    const { balances } = primaryReading;
    const overview = model({ primary: { balances, error: null } });
    expect([overview.done, overview.ready]).toEqual([0, 0]);
    expect(overview.accounts[0]?.total).toBeUndefined();
  });

  it("with every account in: exact group total, exact sums per currency, largest value first", () => {
    const overview = model({ primary: primaryReading, treasury: treasuryReading });
    expect(overview.complete).toBe(true);
    expect(overview.currency).toBe("USD");
    expect(overview.total).toBe("29200.1000000001");
    const btc = overview.rows.find((row) => row.currency === "BTC");
    expect(btc).toEqual({
      type: "exchange",
      currency: "BTC",
      amount: "0.3000000000000000001",
      available: "0.3000000000000000001",
      availableForWithdrawal: "0.3000000000000000001",
    });
    expect(overview.rows.map((row) => row.currency)).toEqual(["BTC", "USD", "DOGE"]);
    const value = overview.columns.find((column) => column.id === "value")!;
    expect(value.header).toBe("Value (USD)");
    expect(value.value(btc!)).toBe("29100.00");
    expect(overview.slices.map((slice) => [slice.currency, slice.percent])).toEqual([
      ["BTC", "99.7"],
      ["USD", "0.3"],
      ["DOGE", "0.0"],
    ]);
  });

  it("hides currencies that sum to zero, but not dust below display precision", () => {
    const overview = model({ primary: primaryReading, treasury: treasuryReading });
    expect(overview.rows.map((row) => row.currency)).not.toContain("ETH");
    expect(overview.rows.find((row) => row.currency === "DOGE")?.amount).toBe("0.000000001");
    expect(overview.hiddenZeroCount).toBe(1);
  });

  it("a zero amount with a pending deposit shows only when pending balances are asked for", () => {
    const incoming: AccountReading = {
      balances: { timestamp: null, balances: [balance("SOL", "0", { pendingDeposit: "2.5", pendingWithdrawal: "0" })] },
      valuation: { total: "0.00", values: [notional("SOL", "0", "0.00")] },
      error: null,
    };
    expect(model({ primary: incoming }, false).rows).toEqual([]);
    expect(model({ primary: incoming }, false).hiddenZeroCount).toBe(1);
    const withPending = model({ primary: incoming }, true);
    expect(withPending.rows).toEqual([
      { type: "exchange", currency: "SOL", amount: "0", available: "0", availableForWithdrawal: "0", pendingDeposit: "2.5", pendingWithdrawal: "0" },
    ]);
    expect(withPending.columns.map((column) => column.id)).toEqual([
      "amount",
      "available",
      "availableForWithdrawal",
      "pendingDeposit",
      "pendingWithdrawal",
      "value",
      "staked",
      "stakedValue",
    ]);
  });

  it("an account that failed: counted as done, shown with its error, left out of the sums and the total", () => {
    const failure = new Error("treasury: rate limited");
    const overview = model({ primary: primaryReading, treasury: { balances: treasuryReading.balances, error: failure } });
    expect([overview.done, overview.ready, overview.complete]).toEqual([2, 1, true]);
    expect(overview.accounts[1]).toEqual({ account: treasury, total: undefined, staking: null, error: failure, stored: null });
    expect(overview.firstError).toBe(failure);
    expect(overview.total).toBeUndefined();
    expect(overview.rows.find((row) => row.currency === "BTC")?.amount).toBe("0.1");
    expect(new Set(overview.csvRows.map((row) => row.account))).toEqual(new Set(["primary"]));
  });

  it("a valuation that arrived before the balances failed still shows the account's value, but is not summed", () => {
    const failure = new Error("balances failed");
    const overview = model({ primary: primaryReading, treasury: { valuation: treasuryReading.valuation, error: failure } });
    expect(overview.accounts[1]).toEqual({ account: treasury, total: "19400.0000000001", staking: null, error: failure, stored: null });
    expect(overview.ready).toBe(1);
    expect(overview.total).toBeUndefined();
  });

  it("the first failure in the group's order is the one reported", () => {
    const first = new Error("first");
    const second = new Error("second");
    expect(model({ primary: { error: first }, treasury: { error: second } }).firstError).toBe(first);
  });

  it("the CSV carries every ready account's exact strings and timestamps", () => {
    const overview = model({ primary: primaryReading, treasury: treasuryReading }, true);
    expect(overview.csvRows).toHaveLength(6);
    expect(overview.csvRows[0]).toEqual({
      account: "primary",
      currency: "BTC",
      amount: "0.1",
      available: "0.1",
      availableForWithdrawal: "0.1",
      pendingDeposit: "0.05",
      value: "9700.00",
      timestamp: "1700000000123456789",
    });
    expect(overview.csvRows.find((row) => row.account === "treasury" && row.currency === "DOGE")).toMatchObject({
      amount: "0.000000001",
      value: "0.0000000001",
      timestamp: "1700000000987654321",
    });
  });

  it("readings of accounts the overview leaves out are ignored", () => {
    const overview = model({ legacy: primaryReading, cold: treasuryReading });
    expect([overview.done, overview.ready]).toEqual([0, 0]);
    expect(overview.rows).toEqual([]);
  });

  it("a group with no open exchange account is never complete and has no total", () => {
    const overview = overviewModel({ accounts: [legacy, cold], readings: new Map(), pending: false, currency: "eur" });
    expect(overview.accounts).toEqual([]);
    expect(overview.complete).toBe(false);
    expect(overview.total).toBeUndefined();
    expect(overview.currency).toBe("EUR");
  });
});

describe("overviewModel from the store", () => {
  it("carries each account's age and refresh state through to its row", async () => {
    const { storedReadings } = await import("@/lib/treasury/get-stored-overview");
    const { accounts, readings } = storedReadings([
      {
        connection: "default",
        account: "desk-001",
        name: "Desk 001",
        asOf: "2026-12-03T06:00:00.000Z",
        timestamp: "1764741600000000000",
        balances: [{ type: "exchange", currency: "USD", amount: "10.015", available: "10", availableForWithdrawal: "10" }],
        values: [{ currency: "USD", amountNotional: "10.015" }],
        total: "10.015",
        staking: { state: "none", reason: "not_recorded" },
        refreshing: true,
        refreshError: null,
      },
      {
        connection: "default",
        account: "desk-002",
        name: "",
        asOf: null,
        timestamp: null,
        balances: [],
        values: [],
        total: null,
        staking: { state: "none", reason: "not_recorded" },
        refreshing: true,
        refreshError: "RateLimit",
      },
    ]);
    const overview = overviewModel({ accounts, readings, pending: false, currency: "usd" });
    expect(overview.accounts[0]).toMatchObject({ total: "10.015", stored: { asOf: "2026-12-03T06:00:00.000Z", refreshing: true, refreshError: null } });
    expect(overview.accounts[1]).toMatchObject({ total: undefined, stored: { asOf: null, refreshError: "RateLimit" } });
    expect(overview.ready).toBe(1);
    expect(overview.complete).toBe(false);
    expect(overview.total).toBeUndefined();
  });
});

describe("overviewModel with staking", () => {
  const staked: AccountReading = {
    ...primaryReading,
    staking: {
      state: "staked",
      balances: [
        { currency: "ETH", balance: "40.250000000000000001", value: "120750.000000000000003" },
        { currency: "SOL", balance: "1200.123456789", value: null },
      ],
    },
  };
  const noStaking: AccountReading = { ...treasuryReading, staking: { state: "none", reason: "unavailable" } };

  it("counts staked value in the account's and the group's total, apart and marked as staked", () => {
    const overview = model({ primary: staked, treasury: noStaking });
    expect(overview.accounts.map((row) => row.total)).toEqual(["130550.100000000000003", "19400.0000000001"]);
    expect(overview.total).toBe("149950.100000000100003");
    expect(overview.stakedTotal).toBe("120750.000000000000003");
    expect(overview.accounts[1]?.staking).toEqual({ state: "none", reason: "unavailable" });
  });

  it("sums staked balances per currency in their own column, never into available; a staked-only currency gets a row", () => {
    const overview = model({ primary: staked, treasury: noStaking });
    const column = (id: string) => overview.columns.find((candidate) => candidate.id === id)!;
    const eth = overview.rows.find((row) => row.currency === "ETH")!;
    expect([eth.amount, eth.available]).toEqual(["0", "0"]);
    expect(column("staked").value(eth)).toBe("40.250000000000000001");
    expect(column("stakedValue").value(eth)).toBe("120750.000000000000003");
    const sol = overview.rows.find((row) => row.currency === "SOL")!;
    expect([sol.available, column("staked").value(sol), column("stakedValue").value(sol)]).toEqual(["0", "1200.123456789", null]);
    expect(overview.slices.map((slice) => slice.currency)).toEqual(["ETH staked", "BTC", "USD", "DOGE"]);
  });

  it("writes staked cells per account in the CSV: the figures, or why there are none", () => {
    const overview = model({ primary: staked, treasury: noStaking });
    const eth = overview.csvRows.find((row) => row.account === "primary" && row.currency === "ETH");
    expect(eth).toMatchObject({ available: "0", staked: "40.250000000000000001", stakedValue: "120750.000000000000003" });
    expect(eth?.stakedText).toBeUndefined();
    expect(overview.csvRows.filter((row) => row.account === "treasury").every((row) => row.stakedText === "no staking")).toBe(true);
  });

  it("an account read without staking is 'no staking', never staking nothing", () => {
    const { staking: _primary, ...primaryWithout } = primaryReading;
    const { staking: _treasury, ...treasuryWithout } = treasuryReading;
    const overview = model({ primary: primaryWithout, treasury: treasuryWithout });
    expect(overview.accounts.map((row) => row.staking)).toEqual([
      { state: "none", reason: "unavailable" },
      { state: "none", reason: "unavailable" },
    ]);
    expect(overview.stakedTotal).toBe("0");
  });
});

describe("overviewModel across connections", () => {
  it("keeps two connections' accounts of one name apart, each its own row and value, and totals them all", async () => {
    const { storedReadings } = await import("@/lib/treasury/get-stored-overview");
    const row = (connection: string, total: string) => ({
      connection,
      account: "primary",
      name: "Operating",
      asOf: "2026-12-03T06:00:00.000Z",
      timestamp: "1764741600000000000",
      balances: [{ type: "exchange" as const, currency: "USD", amount: total, available: total, availableForWithdrawal: total }],
      values: [{ currency: "USD", amountNotional: total }],
      total,
      staking: { state: "none" as const, reason: "not_recorded" as const },
      refreshing: false,
      refreshError: null,
    });
    const { accounts, readings } = storedReadings([row("us-entity", "10.5"), row("sg-entity", "0.25")], { several: true });
    const overview = overviewModel({ accounts, readings, pending: false, currency: "usd" });
    expect(overview.accounts.map((entry) => [accountConnection(entry.account), entry.total])).toEqual([
      ["us-entity", "10.5"],
      ["sg-entity", "0.25"],
    ]);
    expect(overview.total).toBe("10.75");
    expect(overview.csvRows.map((csvRow) => csvRow.account)).toEqual(["us-entity:primary", "sg-entity:primary"]);
  });

  it("gives each connection its account count and exact subtotal, null while one of its accounts has no value", () => {
    const row = (connection: string, account: string, total: string | undefined) => ({
      account: { account, name: account, type: "exchange" as const, status: "open" as const, connection },
      total,
      staking: null,
      error: null,
      stored: null,
    });
    const rows = [row("us-entity", "primary", "0.1"), row("us-entity", "desk", "0.2"), row("sg-entity", "primary", undefined)];
    expect(connectionSubtotals(rows, ["us-entity", "sg-entity", "eu-entity"])).toEqual([
      { label: "us-entity", accounts: 2, total: "0.3" },
      { label: "sg-entity", accounts: 1, total: null },
      { label: "eu-entity", accounts: 0, total: null },
    ]);
  });
});
