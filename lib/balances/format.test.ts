import { describe, expect, it } from "vitest";
import { currencyInfo } from "@/lib/balances/currencies";
import { compareDecimals, floorDecimal, formatAmount, groupThousands, isZero } from "@/lib/balances/format";

describe("floorDecimal", () => {
  it("floors, never rounds up, keeping every digit a float would lose", () => {
    expect(floorDecimal("42.1234567890123456789", 8)).toBe("42.12345678");
    expect(floorDecimal("249.99999999999999999", 8)).toBe("249.99999999");
    expect(floorDecimal("0.999", 2)).toBe("0.99");
    expect(floorDecimal("12345678901234567.89", 2)).toBe("12345678901234567.89");
  });

  it("pads to the precision", () => {
    expect(floorDecimal("5", 2)).toBe("5.00");
    expect(floorDecimal("1500.0", 6)).toBe("1500.000000");
  });

  it("floors a negative towards minus infinity and never shows -0", () => {
    expect(floorDecimal("-1.001", 2)).toBe("-1.01");
    expect(floorDecimal("-0.000", 2)).toBe("0.00");
  });

  it("shows a dust balance as zero at its precision", () => {
    expect(floorDecimal("0.0000000000000000001", 8)).toBe("0.00000000");
  });
});

describe("formatAmount", () => {
  it("groups thousands of the floored value", () => {
    expect(formatAmount("12345678.91", 2)).toBe("12,345,678.91");
    expect(formatAmount("1000000.0", 6)).toBe("1,000,000.000000");
    expect(formatAmount("999.999", 2)).toBe("999.99");
    expect(groupThousands("-1234567")).toBe("-1,234,567");
    expect(groupThousands("123")).toBe("123");
  });

  it("uses the currency table's precision", () => {
    expect(formatAmount("42.1234567890123456789", currencyInfo("BTC").decimals)).toBe("42.12345678");
    expect(formatAmount("1200.1234567890123456789", currencyInfo("ETH").decimals)).toBe("1,200.123456");
    expect(formatAmount("250000.123456789012345", currencyInfo("eur").decimals)).toBe("250,000.12");
  });
});

describe("currencyInfo", () => {
  it("names known currencies and falls back to 8 decimals", () => {
    expect(currencyInfo("BTC")).toEqual({ name: "Bitcoin", decimals: 8 });
    expect(currencyInfo("USD")).toEqual({ name: "US Dollar", decimals: 2 });
    expect(currencyInfo("ZZZ")).toEqual({ name: "ZZZ", decimals: 8 });
  });
});

describe("exact helpers", () => {
  it("compares exactly and knows zero", () => {
    expect(compareDecimals("0.10000000000000000001", "0.1")).toBe(1);
    expect(compareDecimals("2", "10")).toBe(-1);
    expect(isZero("0.000")).toBe(true);
    expect(isZero("0.0000000000000000001")).toBe(false);
    expect(isZero(undefined)).toBe(true);
  });
});
