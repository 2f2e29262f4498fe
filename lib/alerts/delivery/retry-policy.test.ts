import { describe, expect, it } from "vitest";
import { backoffMs, decide, FIRST_RETRY_DELAY_MS, MAX_RETRY_DELAY_MS, retryAfterMs, RETRY_WINDOW_MS, type AttemptResult } from "./retry-policy";

const queuedAt = new Date("2026-01-01T00:00:00Z");
const at = (ms: number) => new Date(queuedAt.getTime() + ms);
const response = (status: number, retryAfter: string | null = null): AttemptResult => ({ kind: "response", status, retryAfter, bodySnippet: "" });
const decideAt = (result: AttemptResult, attempts = 1, nowMs = 0, random = () => 0.5) => decide({ result, attempts, queuedAt, now: at(nowMs), random });

describe("backoffMs", () => {
  it("doubles from the first delay up to the cap, half of it jittered", () => {
    expect(backoffMs(1, () => 0)).toBe(FIRST_RETRY_DELAY_MS / 2);
    expect(backoffMs(1, () => 0.999999)).toBeCloseTo(FIRST_RETRY_DELAY_MS, -1);
    expect(backoffMs(3, () => 0)).toBe((FIRST_RETRY_DELAY_MS * 4) / 2);
    expect(backoffMs(40, () => 0)).toBe(MAX_RETRY_DELAY_MS / 2);
  });
});

describe("decide", () => {
  it("is done on any 2xx", () => {
    expect(decideAt(response(200)).outcome).toBe("delivered");
    expect(decideAt(response(204)).outcome).toBe("delivered");
  });

  it("retries network errors and 5xx with backoff", () => {
    expect(decideAt({ kind: "network", error: "ECONNREFUSED" }, 1, 1_000)).toEqual({
      outcome: "retry",
      nextAttemptAt: at(1_000 + backoffMs(1, () => 0.5)),
      reason: "ECONNREFUSED",
    });
    expect(decideAt(response(503), 2)).toMatchObject({ outcome: "retry", nextAttemptAt: at(backoffMs(2, () => 0.5)) });
  });

  it("does not retry a 4xx other than 429, nor a redirect", () => {
    for (const status of [400, 401, 403, 404, 410, 422]) expect(decideAt(response(status)).outcome).toBe("gave_up");
    expect(decideAt(response(302))).toMatchObject({ outcome: "gave_up", reason: expect.stringContaining("redirects are not followed") });
  });

  it("retries 429 after the receiver's Retry-After when it asks for longer than the backoff", () => {
    expect(decideAt(response(429, "120"))).toMatchObject({ outcome: "retry", nextAttemptAt: at(120_000) });
    expect(decideAt(response(429, new Date(at(3_600_000)).toUTCString()))).toMatchObject({ outcome: "retry", nextAttemptAt: at(3_600_000) });
    // Shorter than the backoff: the backoff.
    expect(decideAt(response(429, "1"))).toMatchObject({ outcome: "retry", nextAttemptAt: at(backoffMs(1, () => 0.5)) });
    expect(decideAt(response(429, "soon"))).toMatchObject({ outcome: "retry", nextAttemptAt: at(backoffMs(1, () => 0.5)) });
  });

  it("gives up when the next try would fall past 24 h after queueing", () => {
    expect(decideAt({ kind: "network", error: "timeout" }, 30, RETRY_WINDOW_MS - 1_000)).toMatchObject({ outcome: "gave_up" });
    expect(decideAt(response(429, String(RETRY_WINDOW_MS / 1000 + 1)))).toMatchObject({ outcome: "gave_up" });
  });

  it("gives up at once when the address check refused the URL", () => {
    expect(decideAt({ kind: "refused", reason: "x resolves to 10.0.0.1" })).toEqual({ outcome: "gave_up", reason: "x resolves to 10.0.0.1" });
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates, null otherwise", () => {
    expect(retryAfterMs("30", queuedAt)).toBe(30_000);
    expect(retryAfterMs(at(5_000).toUTCString(), queuedAt)).toBe(5_000);
    expect(retryAfterMs(null, queuedAt)).toBeNull();
    expect(retryAfterMs("-1", queuedAt)).toBeNull();
  });
});
