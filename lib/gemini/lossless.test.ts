import { describe, expect, it } from "vitest";
import { z } from "zod";
import { exactDecimal, exactTimestamp, parseLossless, stringifyLossless } from "@/lib/gemini/lossless";

const entry = z.object({ amount: exactDecimal, _timestamp: exactTimestamp });

describe("lossless decoding", () => {
  it("keeps a 19-decimal JSON number and a nanosecond integer beyond 2^53 digit for digit", () => {
    const raw = '{"amount":0.1234567890123456789,"_timestamp":1710547200000000001}';
    expect(JSON.parse(raw)._timestamp.toString()).not.toBe("1710547200000000001"); // what a float would do
    expect(entry.parse(parseLossless(raw))).toEqual({ amount: "0.1234567890123456789", _timestamp: "1710547200000000001" });
  });

  it("keeps decimal strings as sent, including trailing zeros", () => {
    expect(entry.parse(parseLossless('{"amount":"15000.00","_timestamp":"2024-03-16T00:00:00.123456Z"}'))).toEqual({
      amount: "15000.00",
      _timestamp: "2024-03-16T00:00:00.123456Z",
    });
  });

  it("expands exponent notation exactly", () => {
    expect(exactDecimal.parse(parseLossless("1e-8"))).toBe("0.00000001");
  });

  it("rejects what is not a number", () => {
    expect(exactDecimal.safeParse("12abc").success).toBe(false);
    expect(exactDecimal.safeParse(true).success).toBe(false);
    expect(exactTimestamp.safeParse("yesterday").success).toBe(false);
  });

  it("writes raw numbers back unchanged", () => {
    expect(stringifyLossless(parseLossless('{"v":9007199254740993,"w":0.10}'))).toBe('{"v":9007199254740993,"w":0.10}');
  });
});
