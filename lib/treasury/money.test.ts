import { describe, expect, it } from "vitest";
import { formatAmount } from "@/lib/balances/format";
import { percentOf, shareOf, sumDecimals } from "@/lib/treasury/money";

describe("sumDecimals", () => {
  it("adds exactly where floats drift", () => {
    expect(sumDecimals(["0.1", "0.2"])).toBe("0.3");
    // Beyond a double's 15-17 significant digits.
    expect(sumDecimals(["12345678901234567.01", "0.0000000000000000001"])).toBe("12345678901234567.0100000000000000001");
  });

  it("keeps the scale of its most precise term", () => {
    expect(sumDecimals(["1.50", "2.50"])).toBe("4.00");
    expect(sumDecimals(["4085914.97", "5000000.00", "12345678.91"])).toBe("21431593.88");
    expect(sumDecimals([])).toBe("0");
  });

  it("floors a total to cents for display, never up", () => {
    // 0.004 + 0.005 = 0.009: a float sum and rounding would both show 0.01.
    expect(formatAmount(sumDecimals(["0.004", "0.005"]), 2)).toBe("0.00");
    expect(formatAmount(sumDecimals(["9999999999999999.995", "0.004"]), 2)).toBe("9,999,999,999,999,999.99");
  });
});

describe("shares", () => {
  it("divides exactly enough for geometry and percentages", () => {
    expect(shareOf("25", "100")).toBe(0.25);
    expect(shareOf("1", "0")).toBe(0);
    expect(percentOf("1", "3", 1)).toBe("33.3");
    expect(percentOf("2", "3", 1)).toBe("66.7");
    expect(percentOf("1", "0", 1)).toBe("0.0");
  });
});
