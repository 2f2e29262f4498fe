import { describe, expect, it } from "vitest";
import { formatAge } from "@/lib/balances/age";

describe("formatAge", () => {
  it("counts seconds, then minutes, then hours, never negative", () => {
    expect(formatAge(12_400)).toBe("12 s ago");
    expect(formatAge(-3_000)).toBe("0 s ago");
    expect(formatAge(59_999)).toBe("59 s ago");
    expect(formatAge(180_000)).toBe("3 min ago");
    expect(formatAge(2 * 3_600_000 + 5)).toBe("2 h ago");
  });
});
