import { describe, expect, it } from "vitest";
import { balancesApiPath, balancesQueryKey, keepNewest, type BalancesView } from "@/lib/balances/get-balances";

const view = (timestamp: string | null, amount = "1"): BalancesView => ({
  account: "primary",
  pending: false,
  staking: { state: "staked", balances: [] },
  timestamp,
  receivedAt: 0,
  balances: [{ type: "exchange", currency: "BTC", amount, available: amount, availableForWithdrawal: amount }],
});

describe("balances query", () => {
  it("keys on every input and asks the API for exactly them", () => {
    expect(balancesQueryKey({ account: "treasury", pending: true })).toEqual(["balances", { connection: null, account: "treasury", pending: true }]);
    expect(balancesQueryKey({ connection: "sg-entity", account: "treasury", pending: true })).toEqual([
      "balances",
      { connection: "sg-entity", account: "treasury", pending: true },
    ]);
    expect(balancesApiPath({ account: "treasury", pending: true })).toBe("/api/balances?account=treasury&pending=true");
    expect(balancesApiPath({ account: null, pending: false })).toBe("/api/balances?pending=false");
    expect(balancesApiPath({ connection: "sg-entity", account: "treasury", pending: false })).toBe("/api/balances?connection=sg-entity&account=treasury&pending=false");
  });

  it("never replaces what is shown with an older snapshot", () => {
    const shown = view("1710547200000000001", "2");
    const older = view("1710547200000000000", "1");
    const newer = view("1710547200000000002", "3");
    expect(keepNewest(shown, older)).toBe(shown);
    expect(keepNewest(shown, newer)).toBe(newer);
    expect((keepNewest(view("2024-03-16T00:00:00.000002Z"), view("2024-03-16T00:00:00.000001Z")) as BalancesView).timestamp).toBe(
      "2024-03-16T00:00:00.000002Z",
    );
  });

  it("takes an answer when either time is unknown", () => {
    const arrived = view(null);
    expect(keepNewest(view("5"), arrived)).toBe(arrived);
    expect(keepNewest(undefined, arrived)).toBe(arrived);
  });
});
