/**
 * Every upstream fault of issue 5, over real HTTP against the production build: the dashboard
 * API's status and error code for each, how many calls the exchange saw (retries only where
 * allowed), and recovery once the fault clears. Runs its own exchange and app with the balances
 * cache off, so each request really goes upstream and other specs' servers are never faulted.
 */
import { expect, test } from "@playwright/test";
import { demoExchange, type DemoExchangeClient } from "../testkit/demo-exchange";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";

const BALANCES = "/api/balances?account=primary&pending=false";
const MAX_ATTEMPTS = 3; // lib/gemini/retry MAX_READ_ATTEMPTS
/** lib/gemini/retry REQUEST_BUDGET_MS, plus room for the runner on a busy machine. */
const HANG_TEST_TIMEOUT_MS = 60_000;

interface Expected {
  status: number;
  code: string;
  /** Calls the exchange should see: 1 for errors never retried. */
  calls: number;
  retryAfter?: string | null;
}

const FAULTS: Record<string, Expected & { spec?: Record<string, unknown> }> = {
  "invalid-signature": { status: 502, code: "InvalidSignature", calls: 1 },
  "invalid-nonce": { status: 502, code: "InvalidNonce", calls: 2 },
  "missing-role": { status: 403, code: "MissingRole", calls: 1 },
  "missing-accounts": { status: 502, code: "MissingAccounts", calls: 1 },
  "invalid-account-name": { status: 502, code: "InvalidAccountName", calls: 1 },
  "invalid-api-key": { status: 502, code: "InvalidApiKey", calls: 1 },
  "ip-filtering": { status: 502, code: "ApiKeyIpFilteringFailure", calls: 1 },
  "rate-limit": { status: 429, code: "RateLimit", calls: MAX_ATTEMPTS, retryAfter: "1", spec: { retryAfter: 1 } },
  "rate-limit-no-retry-after": { status: 429, code: "RateLimit", calls: MAX_ATTEMPTS, retryAfter: null },
  "html-500": { status: 502, code: "upstream_error", calls: MAX_ATTEMPTS },
  "bad-gateway": { status: 502, code: "upstream_error", calls: MAX_ATTEMPTS },
  maintenance: { status: 503, code: "Maintenance", calls: MAX_ATTEMPTS },
  "connection-refused": { status: 502, code: "upstream_unreachable", calls: MAX_ATTEMPTS },
  "truncated-json": { status: 502, code: "upstream_invalid_response", calls: 1 },
  "malformed-json": { status: 502, code: "upstream_invalid_response", calls: 1 },
  "invalid-shape": { status: 502, code: "upstream_invalid_response", calls: 1 },
  "not-found-empty": { status: 502, code: "upstream_not_found", calls: 1 },
};

let exchangeProcess: Running;
let exchange: DemoExchangeClient;
let app: Running;

async function upstreamCalls(): Promise<number> {
  return (await exchange.stats()).byPath["/v1/balances"] ?? 0;
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  exchangeProcess = await startExchange(["--no-drift"]);
  exchange = demoExchange(exchangeProcess.url);
  app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, BALANCES_CACHE_TTL_MS: "0" } });
  // Warm the account list (cached per process) so faults below meet only the balances call.
  expect((await fetch(`${app.url}${BALANCES}`)).status).toBe(200);
});

test.afterAll(async () => {
  await stopAll([app, exchangeProcess]);
});

test.beforeEach(async () => {
  await exchange.clearFaults();
  await exchange.clearRequests();
});

for (const [kind, expected] of Object.entries(FAULTS)) {
  test(`${kind} -> ${expected.status} ${expected.code}`, async () => {
    await exchange.injectFault({ kind, path: "/v1/balances", ...expected.spec });
    const response = await fetch(`${app.url}${BALANCES}`);
    const body = (await response.json()) as { error?: { code: string; message: string } };
    expect(response.status).toBe(expected.status);
    expect(body.error?.code).toBe(expected.code);
    expect(body.error?.message).toMatch(/\w/);
    expect(body.error?.message).not.toMatch(/<html|<body/i); // an HTML error page is never echoed
    expect(response.headers.get("cache-control")).toBe("no-store, private");
    if (expected.retryAfter !== undefined) expect(response.headers.get("retry-after")).toBe(expected.retryAfter);
    expect(await upstreamCalls()).toBe(expected.calls);

    await exchange.clearFaults();
    expect((await fetch(`${app.url}${BALANCES}`)).status).toBe(200);
  });
}

test("a 429 whose Retry-After lies beyond the request budget is answered at once, with it", async () => {
  await exchange.injectFault({ kind: "rate-limit", retryAfter: 120, path: "/v1/balances" });
  const response = await fetch(`${app.url}${BALANCES}`);
  expect(response.status).toBe(429);
  expect(response.headers.get("retry-after")).toBe("120");
  expect(await upstreamCalls()).toBe(1);
});

test("transient faults that clear within the retries are invisible: 200", async () => {
  await exchange.injectFault([
    { kind: "html-500", times: 1, path: "/v1/balances" },
    { kind: "invalid-nonce", times: 1, path: "/v1/balances" },
  ]);
  const response = await fetch(`${app.url}${BALANCES}`);
  expect(response.status).toBe(200);
  expect(await upstreamCalls()).toBe(3);
});

test("a hanging exchange gives 504 upstream_timeout within the request budget", async () => {
  test.setTimeout(HANG_TEST_TIMEOUT_MS);
  await exchange.injectFault({ kind: "hang", path: "/v1/balances" });
  const response = await fetch(`${app.url}${BALANCES}`);
  expect(response.status).toBe(504);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("upstream_timeout");
});
