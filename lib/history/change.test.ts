import { describe, expect, it } from "vitest";
import { balanceChanges, formatChange, totalChange } from "@/lib/history/change";
import type { BalanceRowJson } from "@/lib/snapshots/types";

const row = (currency: string, amount: string): BalanceRowJson => ({
  account: "primary",
  currency,
  amount,
  available: amount,
  availableForWithdrawal: amount,
  pendingDeposit: null,
  pendingWithdrawal: null,
  valueUsd: null,
  takenAt: "2026-12-01T14:00:04Z",
  exchangeTimestamp: null,
});

describe("balanceChanges", () => {
  it("is exact to the last of 19 decimals, where a float would lose it", () => {
    const changes = balanceChanges([{ currency: "BTC", amount: "42.1234567890123456789" }], [row("BTC", "42.1234567890123456788")]);
    expect(changes.get("BTC")).toBe("0.0000000000000000001");
  });

  it("counts a currency the snapshot lacks as held from zero, and keeps a fall negative", () => {
    const changes = balanceChanges(
      [
        { currency: "ETH", amount: "3.5" },
        { currency: "USD", amount: "100.00" },
      ],
      [row("USD", "250.50")],
    );
    expect(changes.get("ETH")).toBe("3.5");
    expect(changes.get("USD")).toBe("-150.5");
  });

  it("is exact beyond 2^53", () => {
    const changes = balanceChanges([{ currency: "USD", amount: "9007199254740993.01" }], [row("USD", "0.01")]);
    expect(changes.get("USD")).toBe("9007199254740993");
  });
});

describe("totalChange", () => {
  it("is absent when either side has no value", () => {
    expect(totalChange(undefined, "1")).toBeNull();
    expect(totalChange("1", null)).toBeNull();
    expect(totalChange("1000.10", "999.99")).toBe("0.11");
  });
});

describe("formatChange", () => {
  it("signs and floors: a gain never shows more than gained", () => {
    expect(formatChange("1234.569", 2)).toBe("+1,234.56");
    expect(formatChange("0.009", 2)).toBe("0.00");
  });

  it("floors a fall towards minus infinity, with a minus sign", () => {
    expect(formatChange("-0.001", 2)).toBe("\u22120.01");
    expect(formatChange("-1234567.5", 2)).toBe("\u22121,234,567.50");
  });

  it("shows no change unsigned", () => {
    expect(formatChange("0", 2)).toBe("0.00");
  });
});
