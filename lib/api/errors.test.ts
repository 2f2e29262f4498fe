import { describe, expect, it } from "vitest";
import {
  ApiError,
  apiErrorStatus,
  ERROR_ADVICE,
  errorAdvice,
  isApiErrorCode,
  NETWORK_ERROR_CODE,
  type ClientErrorCode,
  type ErrorAdvice,
} from "@/lib/api/errors";

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

describe("the vocabulary", () => {
  it("gives every code a client or server error status", () => {
    for (const code of Object.keys(ERROR_ADVICE)) {
      if (code === NETWORK_ERROR_CODE) continue;
      expect(isApiErrorCode(code)).toBe(true);
      if (isApiErrorCode(code)) expect(apiErrorStatus(code)).toBeGreaterThanOrEqual(400);
    }
    expect(new ApiError("account_not_found", "none").status).toBe(404);
    expect(isApiErrorCode("SomethingNew")).toBe(false);
    expect(isApiErrorCode("toString")).toBe(false); // own keys only, not the prototype's
  });

  it("does not compile a code that has no advice, or an error with a code outside it", () => {
    // @ts-expect-error a new code must get its advice in ERROR_ADVICE
    const withNewCode: Record<ClientErrorCode | "brand_new_code", ErrorAdvice> = ERROR_ADVICE;
    // @ts-expect-error an ApiError takes only a code of the vocabulary
    const outside = new ApiError("brand_new_code", "no");
    expect(withNewCode).toBe(ERROR_ADVICE);
    expect(outside.status).toBeUndefined();
  });
});
