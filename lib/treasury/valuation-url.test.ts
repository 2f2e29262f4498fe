import { describe, expect, it } from "vitest";
import { readValuationCurrency, valuationSearch } from "@/lib/treasury/valuation-url";

describe("valuation currency in the address", () => {
  it("reads a known currency and falls back to usd", () => {
    expect(readValuationCurrency(new URLSearchParams("valuation=eur"))).toBe("eur");
    expect(readValuationCurrency(new URLSearchParams("valuation=jpy"))).toBe("usd");
    expect(readValuationCurrency(new URLSearchParams(""))).toBe("usd");
  });

  it("keeps the other parameters and leaves the default out", () => {
    expect(valuationSearch("?account=treasury&pending=1", "gbp")).toBe("?account=treasury&pending=1&valuation=gbp");
    expect(valuationSearch("?account=treasury&valuation=gbp", "usd")).toBe("?account=treasury");
    expect(valuationSearch("", "usd")).toBe("");
  });
});
