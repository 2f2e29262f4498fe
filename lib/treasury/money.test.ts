import { describe, expect, it } from "vitest";
import { compareDecimals, floorDecimal, formatFloored, groupThousands, percentOf, shareOf, sumDecimals } from "@/lib/treasury/money";

describe("sumDecimals", () => {
  it("adds exactly where floats drift", () => {
    expect(sumDecimals(["0.1", "0.2"])).toBe("0.3");
    expect(0.1 + 0.2).not.toBe(0.3);
    // Beyond a double's 15-17 significant digits.
    expect(sumDecimals(["12345678901234567.01", "0.0000000000000000001"])).toBe("12345678901234567.0100000000000000001");
  });

  it("keeps the scale of its most precise term", () => {
    expect(sumDecimals(["1.50", "2.50"])).toBe("4.00");
    expect(sumDecimals(["4085914.97", "5000000.00", "12345678.91"])).toBe("21431593.88");
    expect(sumDecimals([])).toBe("0");
  });
});

describe("floorDecimal", () => {
  it("never rounds up", () => {
    expect(floorDecimal("0.129", 2)).toBe("0.12");
    expect(floorDecimal("4085914.999999999999", 2)).toBe("4085914.99");
    expect(floorDecimal("2", 2)).toBe("2.00");
    expect(floorDecimal("0.0000000000000000001", 2)).toBe("0.00");
  });

  it("floors negatives towards minus infinity", () => {
    expect(floorDecimal("-0.121", 2)).toBe("-0.13");
    expect(floorDecimal("-0.12", 2)).toBe("-0.12");
  });
});

describe("display", () => {
  it("groups thousands on the text", () => {
    expect(groupThousands("12345678.91")).toBe("12,345,678.91");
    expect(groupThousands("-1234")).toBe("-1,234");
    expect(groupThousands("999.123456")).toBe("999.123456");
    expect(formatFloored("9007199254740993.999", 2)).toBe("9,007,199,254,740,993.99");
  });

  it("compares and shares", () => {
    expect(compareDecimals("10.0", "9.99")).toBe(1);
    expect(compareDecimals("1.10", "1.1")).toBe(0);
    expect(shareOf("25", "100")).toBe(0.25);
    expect(shareOf("1", "0")).toBe(0);
    expect(percentOf("1", "3", 1)).toBe("33.3");
    expect(percentOf("2", "3", 1)).toBe("66.7");
    expect(percentOf("1", "0", 1)).toBe("0.0");
  });
});
