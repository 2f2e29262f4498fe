/** The dashboard's JSON API over real HTTP: production build -> standalone demo exchange. */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO, RAW_NUMBERS } from "../testkit/e2e-servers";

const DECIMAL = /^-?\d+(\.\d+)?$/;
const EXCHANGE = DEMO.exchange;

async function exchangeStats(request: APIRequestContext) {
  const response = await request.get(`${EXCHANGE}/__demo/stats`);
  return (await response.json()) as { total: number; byPath: Record<string, number>; rejectedNonces: number };
}

async function upstreamCalls(request: APIRequestContext, path: string) {
  return (await exchangeStats(request)).byPath[path] ?? 0;
}

test.beforeEach(async ({ request }) => {
  await request.delete(`${EXCHANGE}/__demo/faults`);
});

test("GET /api/health answers without calling the exchange", async ({ request }) => {
  const before = (await exchangeStats(request)).total;
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ ok: true, mode: "demo" });
  expect((await exchangeStats(request)).total).toBe(before);
});

test("GET /api/accounts lists the master key's group", async ({ request }) => {
  const response = await request.get("/api/accounts");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("no-store");
  const body = await response.json();
  expect(body.master).toBe(true);
  expect(body.accounts).toContainEqual({ account: "primary", name: "Operating", type: "exchange", status: "open" });
  expect(body.accounts.map((account: { account: string }) => account.account)).toEqual(
    expect.arrayContaining(["treasury", "payroll", "legacy-otc", "cold-storage"]),
  );
});

test("GET /api/balances returns exact decimal strings and the nanosecond timestamp as sent", async ({ request }) => {
  const response = await request.get("/api/balances?account=primary&pending=false");
  expect(response.status()).toBe(200);
  const text = await response.text();
  const body = JSON.parse(text);
  expect(body).toMatchObject({ account: "primary", pending: false });
  expect(body.timestamp).toMatch(/^\d{19}$/);
  expect(text).toContain(`"timestamp":"${body.timestamp}"`); // a string, never a rounded number
  expect(body.balances.length).toBeGreaterThan(2);
  for (const balance of body.balances) {
    for (const field of ["amount", "available", "availableForWithdrawal"]) {
      expect(typeof balance[field]).toBe("string");
      expect(balance[field]).toMatch(DECIMAL);
    }
    expect(balance).not.toHaveProperty("pendingDeposit");
  }
  // At least one balance carries more digits than a float can hold.
  expect(body.balances.some((balance: { amount: string }) => /\.\d{16,}$/.test(balance.amount))).toBe(true);
});

test("pending=true sends showPendingBalances and adds the pending fields", async ({ request }) => {
  await request.delete(`${EXCHANGE}/__demo/requests`);
  const response = await request.get("/api/balances?account=treasury&pending=true");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.pending).toBe(true);
  expect(body.balances.every((balance: Record<string, string>) => DECIMAL.test(balance.pendingDeposit ?? ""))).toBe(true);
  const log = (await (await request.get(`${EXCHANGE}/__demo/requests`)).json()) as {
    requests: { path: string; account: string; showPendingBalances: boolean }[];
  };
  expect(log.requests.filter((entry) => entry.path === "/v1/balances")).toEqual([
    expect.objectContaining({ account: "treasury", showPendingBalances: true }),
  ]);
});

test("timestamps of successive reads strictly increase", async ({ request }) => {
  const first = await (await request.get("/api/balances?account=payroll")).json();
  const second = await (await request.get("/api/balances?account=payroll")).json();
  expect(BigInt(second.timestamp)).toBeGreaterThan(BigInt(first.timestamp));
});

for (const [query, status, code] of [
  ["", 400, "account_required"],
  ["?account=nobody", 404, "account_not_found"],
  ["?account=cold-storage", 400, "account_not_exchange"],
  ["?account=primary&pending=yes", 400, "bad_request"],
  ["?account=primary&pending=1", 400, "bad_request"],
  ["?account=pri%20mary", 400, "bad_request"],
  [`?account=${"x".repeat(65)}`, 400, "bad_request"],
  ["?account=primary&account=treasury", 400, "bad_request"],
  ["?account=primary&verbose=true", 400, "bad_request"],
] as const) {
  test(`bad input ${query || "(none)"} -> ${status} ${code}, no balances call upstream`, async ({ request }) => {
    await request.get("/api/accounts"); // the account list may be fetched; balances must not be
    const before = await upstreamCalls(request, "/v1/balances");
    const response = await request.get(`/api/balances${query}`);
    expect(response.status()).toBe(status);
    const body = await response.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(await upstreamCalls(request, "/v1/balances")).toBe(before);
  });
}

for (const [fault, status, code] of [
  ["missing-role", 403, "MissingRole"],
  ["rate-limit", 429, "RateLimit"],
  ["maintenance", 503, "Maintenance"],
  ["invalid-signature", 502, "InvalidSignature"],
  ["html-500", 502, "upstream_error"],
  ["invalid-shape", 502, "upstream_invalid_response"],
] as const) {
  test(`an upstream ${fault} keeps Gemini's reason as the code: ${status} ${code}`, async ({ request }) => {
    await request.post(`${EXCHANGE}/__demo/faults`, { data: { kind: fault, path: "/v1/balances" } });
    const response = await request.get("/api/balances?account=primary");
    expect(response.status()).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  });
}

test("unknown routes are 404 and no route leaks a stack trace", async ({ request }) => {
  const response = await request.get("/api/nope");
  expect(response.status()).toBe(404);
});

test("an exchange that sends raw JSON numbers and ISO timestamps still yields exact strings", async ({ request }) => {
  const app = RAW_NUMBERS.app;
  const response = await request.get(`${app}/api/balances?account=primary`);
  expect(response.status()).toBe(200);
  const text = await response.text();
  const body = JSON.parse(text);
  expect(body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  const raw = await (
    await request.get(`${RAW_NUMBERS.exchange}/__demo/requests`)
  ).json();
  expect(raw.requests.length).toBeGreaterThan(0);
  expect(body.balances.some((balance: { amount: string }) => /\.\d{19}$/.test(balance.amount))).toBe(true);
  for (const balance of body.balances) expect(balance.amount).toMatch(DECIMAL);
});
