import { describe, expect, it } from "vitest";
import { apiErrorStatus } from "@/lib/api/errors";
import { toApiError, UPSTREAM_ERRORS } from "@/lib/api/to-api-error";
import { CoordinationError } from "@/lib/coordination/errors";
import { GeminiError, type GeminiErrorKind } from "@/lib/gemini/errors";
import { BodyTooLargeError } from "@/lib/request-body";

describe("toApiError", () => {
  it("answers each Gemini failure kind with its fallback code, that code's status and its message", () => {
    for (const kind of Object.keys(UPSTREAM_ERRORS) as GeminiErrorKind[]) {
      const { code, message } = UPSTREAM_ERRORS[kind];
      expect(toApiError(new GeminiError(kind))).toMatchObject({ status: apiErrorStatus(code), code, message });
    }
    expect(toApiError(new GeminiError("missing_role"))).toMatchObject({ status: 403, code: "MissingRole" });
    expect(toApiError(new GeminiError("timeout"))).toMatchObject({ status: 504, code: "upstream_timeout" });
  });

  it("passes on a reason the vocabulary knows, with what Gemini said", () => {
    const error = new GeminiError("account_rejected", { reason: "MissingAccounts", status: 400, upstreamMessage: "Choose one" });
    expect(toApiError(error)).toMatchObject({
      status: 502,
      code: "MissingAccounts",
      message: "Gemini rejected the account of this request. Gemini said: Choose one",
    });
    const limited = toApiError(new GeminiError("rate_limited", { reason: "RateLimited", retryAfterSeconds: 7 }));
    expect(limited).toMatchObject({ status: 429, code: "RateLimited", headers: { "Retry-After": "7" } });
  });

  it("keeps an unknown reason in the message and answers with the kind's code", () => {
    const error = new GeminiError("invalid_request", { reason: "InvalidQuantity", status: 400 });
    expect(toApiError(error)).toMatchObject({
      status: 502,
      code: "upstream_rejected",
      message: "Gemini rejected the request. (Gemini's reason: InvalidQuantity)",
    });
    // A known reason under a kind of another status would break the code's status: the kind's code wins.
    expect(toApiError(new GeminiError("service_error", { reason: "RateLimited" }))).toMatchObject({ status: 502, code: "upstream_error" });
    // What is not an identifier is never echoed.
    const html = toApiError(new GeminiError("rate_limited", { reason: "Too Many Requests" }));
    expect(html).toMatchObject({ code: "RateLimit", message: UPSTREAM_ERRORS.rate_limited.message });
  });

  it("answers Redis, a too-large body and anything else with their codes", () => {
    expect(toApiError(new CoordinationError("nonce"))).toMatchObject({ status: 503, code: "coordination_unavailable" });
    expect(toApiError(new BodyTooLargeError(10))).toMatchObject({ status: 413, code: "body_too_large" });
    const original = console.error;
    console.error = () => {};
    try {
      expect(toApiError(new Error("boom"))).toMatchObject({ status: 500, code: "internal_error" });
    } finally {
      console.error = original;
    }
  });
});
