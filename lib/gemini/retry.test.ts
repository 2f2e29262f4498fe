import { describe, expect, it } from "vitest";
import { createDemoExchange, DEMO_MASTER_KEY, DEMO_MASTER_SECRET, type FaultSpec } from "@/lib/demo-exchange";
import { createGeminiClient } from "@/lib/gemini/client";
import { GeminiError, type GeminiErrorKind } from "@/lib/gemini/errors";
import { MemoryKeyGate } from "@/lib/gemini/gate";
import { MemoryNonceStore } from "@/lib/gemini/nonce";
import { MemoryRateBudget } from "@/lib/gemini/rate-budget";
import {
  MAX_READ_ATTEMPTS,
  REQUEST_BUDGET_MS,
  RETRY_MAX_DELAY_MS,
  retryDelayMs,
  withRetries,
  type RetryState,
} from "@/lib/gemini/retry";
import { fakeClock } from "@/testkit/fake-clock";

const BALANCES = "/v1/balances";
const PARAMS = { account: "primary" };

/** The real client against the embedded strict demo exchange, on a clock that jumps when slept on. */
function setup({ faults = [], rate }: { faults?: FaultSpec[]; rate?: number } = {}) {
  const exchange = createDemoExchange({ drift: false });
  if (faults.length > 0) exchange.setFaults(faults);
  const clock = fakeClock();
  const client = createGeminiClient({
    baseUrl: "http://demo.invalid",
    apiKey: DEMO_MASTER_KEY,
    apiSecret: DEMO_MASTER_SECRET,
    nonceUnit: "milliseconds",
    timeoutMs: 5_000,
    fetch: (url, init) => exchange.handle(new Request(url, init)),
    gate: new MemoryKeyGate(clock),
    nonces: new MemoryNonceStore(),
    clock,
    random: () => 0.5,
    ...(rate ? { rateBudget: new MemoryRateBudget(rate, clock) } : {}),
  });
  return { exchange, clock, client };
}

async function failure(promise: Promise<unknown>): Promise<GeminiError> {
  const error: unknown = await promise.then(
    () => new Error("expected a failure"),
    (caught: unknown) => caught,
  );
  if (!(error instanceof GeminiError)) throw error;
  return error;
}

const fresh = (attempts = 1): RetryState => ({ attempts, nonceRetried: false });
const error = (kind: GeminiErrorKind, retryAfterSeconds?: number) =>
  new GeminiError(kind, retryAfterSeconds === undefined ? {} : { retryAfterSeconds });

describe("retryDelayMs", () => {
  it.each<GeminiErrorKind>(["rate_limited", "service_error", "maintenance", "timeout", "unreachable"])(
    "retries %s with a backoff that grows and stays bounded",
    (kind) => {
      const first = retryDelayMs(error(kind), fresh(1), () => 0.5);
      const second = retryDelayMs(error(kind), fresh(2), () => 0.5);
      expect(first).toBeGreaterThan(0);
      expect(second).toBeGreaterThan(first!);
      expect(retryDelayMs(error(kind), fresh(2), () => 0.999)).toBeLessThanOrEqual(RETRY_MAX_DELAY_MS);
    },
  );

  it("jitters: two instances failing together do not retry together", () => {
    expect(retryDelayMs(error("service_error"), fresh(), () => 0)).not.toBe(
      retryDelayMs(error("service_error"), fresh(), () => 0.99),
    );
  });

  it("never waits less than Gemini's Retry-After", () => {
    expect(retryDelayMs(error("rate_limited", 3), fresh(), () => 0)).toBeGreaterThanOrEqual(3_000);
  });

  it.each<GeminiErrorKind>([
    "invalid_signature",
    "missing_role",
    "invalid_api_key",
    "ip_not_allowed",
    "account_rejected",
    "invalid_request",
    "invalid_response",
    "not_found",
  ])("never retries %s", (kind) => {
    expect(retryDelayMs(error(kind), fresh(), () => 0.5)).toBeNull();
  });

  it("never retries a failure that is not Gemini's (the coordination store failing, a bug)", async () => {
    const clock = fakeClock();
    const notGemini = new Error("Redis is down");
    let attempts = 0;
    const attempt = async () => {
      attempts += 1;
      throw notGemini;
    };
    const options = { deadline: clock.nowMs() + REQUEST_BUDGET_MS, read: true, attemptTimeoutMs: 5_000, clock, random: () => 0.5 };
    await expect(withRetries(attempt, options)).rejects.toBe(notGemini);
    expect(attempts).toBe(1);
  });

  it("retries InvalidNonce once, at once, and not again", () => {
    expect(retryDelayMs(error("invalid_nonce"), fresh(), () => 0.5)).toBe(0);
    expect(retryDelayMs(error("invalid_nonce"), { attempts: 2, nonceRetried: true }, () => 0.5)).toBeNull();
  });

  it(`stops after ${MAX_READ_ATTEMPTS} attempts`, () => {
    expect(retryDelayMs(error("service_error"), fresh(MAX_READ_ATTEMPTS), () => 0.5)).toBeNull();
  });
});

describe("the client's retries (real client, strict demo exchange, fake clock)", () => {
  it("rides out two 429s, waiting at least Retry-After each time", async () => {
    const { client, exchange, clock } = setup({ faults: [{ kind: "rate-limit", times: 2, retryAfter: 2 }] });
    await expect(client.post(BALANCES, PARAMS, { read: true })).resolves.toBeInstanceOf(Array);
    expect(exchange.requests().map((call) => call.status)).toEqual([429, 429, 200]);
    expect(clock.slept.filter((ms) => ms >= 2_000)).toHaveLength(2);
  });

  it.each<[FaultSpec["kind"], GeminiErrorKind]>([
    ["html-500", "service_error"],
    ["bad-gateway", "service_error"],
    ["maintenance", "maintenance"],
    ["connection-refused", "unreachable"],
    ["rate-limit-no-retry-after", "rate_limited"],
  ])("retries a persistent %s a bounded number of times, then reports %s", async (kind, expected) => {
    const { client, exchange } = setup({ faults: [{ kind }] });
    const caught = await failure(client.post(BALANCES, PARAMS, { read: true }));
    expect(caught.kind).toBe(expected);
    expect(exchange.stats().total).toBe(MAX_READ_ATTEMPTS);
  });

  it.each<FaultSpec["kind"]>(["invalid-signature", "missing-role", "invalid-api-key", "ip-filtering", "missing-accounts"])(
    "sends %s once: auth and role errors are never retried",
    async (kind) => {
      const { client, exchange } = setup({ faults: [{ kind }] });
      await failure(client.post(BALANCES, PARAMS, { read: true }));
      expect(exchange.stats().total).toBe(1);
    },
  );

  it("retries an InvalidNonce once with a fresh, larger nonce", async () => {
    const { client, exchange } = setup({ faults: [{ kind: "invalid-nonce", times: 1 }] });
    await client.post(BALANCES, PARAMS, { read: true });
    const [rejected, accepted] = exchange.requests();
    expect(rejected?.reason).toBe("InvalidNonce");
    expect(accepted?.status).toBe(200);
    expect(BigInt(accepted!.nonce!)).toBeGreaterThan(BigInt(rejected!.nonce!));
  });

  it("gives up after a second InvalidNonce", async () => {
    const { client, exchange } = setup({ faults: [{ kind: "invalid-nonce", times: 5 }] });
    expect((await failure(client.post(BALANCES, PARAMS, { read: true }))).kind).toBe("invalid_nonce");
    expect(exchange.stats().total).toBe(2);
  });

  it("does not retry what is not a read", async () => {
    const { client, exchange } = setup({ faults: [{ kind: "html-500" }] });
    await failure(client.post(BALANCES, PARAMS));
    expect(exchange.stats().total).toBe(1);
  });

  it("answers at once with the 429 when Retry-After lies beyond the request budget", async () => {
    const retryAfter = REQUEST_BUDGET_MS / 1000 + 5;
    const { client, exchange, clock } = setup({ faults: [{ kind: "rate-limit", retryAfter }] });
    const caught = await failure(client.post(BALANCES, PARAMS, { read: true }));
    expect(caught.kind).toBe("rate_limited");
    expect(caught.retryAfterSeconds).toBe(retryAfter);
    expect(exchange.stats().total).toBe(1);
    expect(clock.slept).toEqual([]);
  });

  it("never starts an attempt past the deadline", async () => {
    const { client, exchange, clock } = setup({ faults: [{ kind: "html-500" }] });
    const caught = await failure(client.post(BALANCES, PARAMS, { read: true, deadline: clock.nowMs() + 100 }));
    expect(caught.kind).toBe("timeout");
    expect(exchange.stats().total).toBe(0);
  });

  it("keeps the gate across a call's retries: the next call waits, and wire order is nonce order", async () => {
    const { client, exchange } = setup({ faults: [{ kind: "rate-limit", times: 2, retryAfter: 1 }] });
    await Promise.all([
      client.post(BALANCES, PARAMS, { read: true }),
      client.post(BALANCES, { account: "treasury" }, { read: true }),
    ]);
    const calls = exchange.requests();
    expect(calls.map((call) => [call.account, call.status])).toEqual([
      ["primary", 429],
      ["primary", 429],
      ["primary", 200],
      ["treasury", 200],
    ]);
    const nonces = calls.map((call) => BigInt(call.nonce!));
    expect(nonces).toEqual([...nonces].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(new Set(nonces).size).toBe(nonces.length);
    expect(exchange.stats().rejectedNonces).toBe(0);
  });

  it("spaces one key's calls by the rate budget instead of failing them", async () => {
    const { client, exchange, clock } = setup({ rate: 5 });
    await Promise.all([1, 2, 3, 4].map(() => client.post(BALANCES, PARAMS, { read: true })));
    expect(exchange.stats().byOutcome).toEqual({ ok: 4 });
    expect(clock.slept).toEqual([200, 200, 200]);
  });
});
