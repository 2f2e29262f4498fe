import { describe, expect, it } from "vitest";
import { ERROR_ADVICE, errorAdvice, NETWORK_ERROR_CODE } from "@/lib/balances/error-messages";

describe("errorAdvice", () => {
  it("says what happened and what to do for the codes users meet", () => {
    expect(errorAdvice("MissingRole", "live").action).toContain("Auditor");
    expect(errorAdvice("InvalidSignature", "live").action).toContain("GEMINI_API_SECRET");
    expect(errorAdvice("Maintenance", "live").title).toBe("Gemini is down for maintenance.");
    expect(errorAdvice(NETWORK_ERROR_CODE, "live").title).toContain("dashboard server");
  });

  it("tells a demo user that the demo exchange is down, and a live user that Gemini is unreachable", () => {
    expect(errorAdvice("upstream_unreachable", "demo").action).toContain("npm run demo-exchange");
    expect(errorAdvice("upstream_unreachable", "live").action).toContain("GEMINI_API_URL");
  });

  it("falls back to a general message for a code it does not know", () => {
    expect(errorAdvice("SomethingNew", "live").title).toBe("The balances could not be loaded.");
    for (const advice of Object.values(ERROR_ADVICE)) {
      expect(advice.title.length).toBeGreaterThan(10);
      expect(advice.action.length).toBeGreaterThan(10);
    }
  });
});
