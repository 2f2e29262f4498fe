import Big from "big.js";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { parse } from "lossless-json";
import { demoExchange } from "../testkit/demo-exchange";
import type { OverviewResponse } from "../lib/treasury/types";
import { NO_ROLES_KEY, TRADER_KEY, TREASURY } from "../testkit/e2e-servers";

const APP = TREASURY.app;
const EXCHANGE = demoExchange(TREASURY.exchange);
const DEMO_SECRET_AND_KEY = ["master-demo-treasury", "demo-master-secret"];

interface Notional {
  currency: string;
  amount: string;
  amountNotional: string;
  available: string;
  availableNotional: string;
}

const exactSum = (values: string[]) => values.reduce((sum, value) => sum.plus(value), new Big(0));

async function json<T>(request: APIRequestContext, path: string, status = 200): Promise<T> {
  const response = await request.get(`${APP}${path}`);
  expect(response.status(), `${path}: ${await response.text()}`).toBe(status);
  expect(response.headers()["cache-control"]).toBe("no-store, private");
  return (await response.json()) as T;
}

/** The demo's staked primary account (lib/demo-exchange/data.ts), valued at the feed's USD prices (ETH 3400, SOL 180). */
const PRIMARY_STAKED: Record<string, [string, string]> = {
  ETH: ["40.250000000000000001", "136850.0000000000000034"],
  SOL: ["1200.123456789", "216022.22222202"],
};

test.describe("GET /api/valuation", () => {
  test("values every currency of an account in USD and totals them exactly", async ({ request }) => {
    const body = await json<{ account: string; currency: string; total: string; values: Notional[] }>(
      request,
      "/api/valuation?account=primary",
    );
    expect(body.account).toBe("primary");
    expect(body.currency).toBe("USD");
    // The exchange's own strings, read with a different key: the app passed them through untouched.
    const upstream = parse(await EXCHANGE.signedText("/v1/notionalbalances/usd")) as Notional[];
    expect(body.values).toEqual(upstream);
    expect(new Big(body.total).eq(exactSum(upstream.map((value) => value.amountNotional)))).toBe(true);
    expect(body.values.find((value) => value.currency === "BTC")?.amount).toBe("42.1234567890123456789");
  });

  test("takes another valuation currency", async ({ request }) => {
    const usd = await json<{ total: string }>(request, "/api/valuation?account=treasury&currency=usd");
    const eur = await json<{ currency: string; total: string; values: Notional[] }>(
      request,
      "/api/valuation?account=treasury&currency=eur",
    );
    expect(eur.currency).toBe("EUR");
    expect(eur.values.find((value) => value.currency === "EUR")?.amountNotional).toBe("250000.12");
    expect(new Big(eur.total).lt(usd.total)).toBe(true);
  });

  for (const [query, status, code] of [
    ["account=primary&currency=jpy", 400, "bad_request"],
    ["account=primary&currency=USD", 400, "bad_request"],
    ["account=primary&currency=..%2Fbalances", 400, "bad_request"],
    ["account=primary&pending=true", 400, "bad_request"],
    ["account=primary&account=treasury", 400, "bad_request"],
    ["account=a%20b", 400, "bad_request"],
    ["currency=usd", 400, "account_required"],
    ["account=nope", 404, "account_not_found"],
    ["account=cold-storage", 400, "account_not_exchange"],
  ] as const) {
    test(`refuses ${query} with ${status} ${code} and no upstream value call`, async ({ request }) => {
      await json(request, "/api/accounts"); // the group's account list is fetched (and kept) first
      await EXCHANGE.clearRequests();
      const body = await json<{ error: { code: string; message: string } }>(request, `/api/valuation?${query}`, status);
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(10);
      expect(await EXCHANGE.appCalls()).toEqual([]);
    });
  }
});

test.describe("GET /api/overview", () => {
  test("lists each open exchange account with its total, and the group total exactly", async ({ request }) => {
    await EXCHANGE.clearRequests();
    const body = await json<OverviewResponse>(request, "/api/overview");
    expect(body.currency).toBe("USD");
    expect(body.accounts.map((entry) => entry.account)).toEqual(["primary", "treasury", "payroll"]);
    expect(body.skipped).toEqual([
      { account: "legacy-otc", name: "Legacy OTC Desk", reason: "closed" },
      { account: "cold-storage", name: "Cold Storage", reason: "custody" },
    ]);
    for (const entry of body.accounts) {
      // Exchange value plus staked value: the staked part apart, never in the balances.
      const staked = entry.staking.state === "staked" ? entry.staking.balances.flatMap((row) => (row.value === null ? [] : [row.value])) : [];
      expect(new Big(entry.stakedTotal).eq(exactSum(staked))).toBe(true);
      expect(new Big(entry.total).eq(exactSum([...entry.values.map((value) => value.amountNotional), entry.stakedTotal]))).toBe(true);
      expect(entry.timestamp).toMatch(/^\d+$/);
    }
    expect(new Big(body.total).eq(exactSum(body.accounts.map((entry) => entry.total)))).toBe(true);
    expect(new Big(body.stakedTotal).eq(exactSum(body.accounts.map((entry) => entry.stakedTotal)))).toBe(true);
    // The demo's primary stakes ETH and SOL (valued at the feed, digit for digit), payroll stakes nothing.
    const primary = body.accounts.find((entry) => entry.account === "primary")!;
    expect(primary.staking).toEqual({
      state: "staked",
      balances: Object.entries(PRIMARY_STAKED).map(([currency, [balance, value]]) => ({ currency, balance, value })),
    });
    expect(body.accounts.find((entry) => entry.account === "payroll")!.staking).toEqual({ state: "staked", balances: [] });
    const eth = body.consolidated.find((row) => row.currency === "ETH")!;
    expect(eth.staked).toBe("680.750000000000000001"); // primary 40.25... + treasury 640.5
    expect(new Big(eth.stakedValue!).eq(new Big(eth.staked!).times("3400"))).toBe(true);
    expect(body.consolidated.find((row) => row.currency === "BTC")?.staked).toBeUndefined();

    const btc = body.consolidated.find((row) => row.currency === "BTC");
    const btcAmounts = body.accounts.flatMap((entry) => entry.values.filter((value) => value.currency === "BTC").map((value) => value.amount));
    expect(btc && new Big(btc.amount).eq(exactSum(btcAmounts))).toBe(true);
    expect(btc?.pendingDeposit).toBeUndefined();

    // One account after another behind the key's gate, never two calls in flight.
    expect(await EXCHANGE.appMaxInFlight()).toBe(1);
    const calls = await EXCHANGE.appCalls();
    expect(calls.filter((call) => call.path === "/v1/notionalbalances/usd").map((call) => call.account)).toEqual([
      "primary",
      "treasury",
      "payroll",
    ]);
  });

  test("adds consolidated pending sums when asked", async ({ request }) => {
    const body = await json<{ pending: boolean; consolidated: { currency: string; pendingDeposit: string; pendingWithdrawal: string }[] }>(
      request,
      "/api/overview?pending=true&currency=gbp",
    );
    expect(body.pending).toBe(true);
    const usd = body.consolidated.find((row) => row.currency === "USD");
    // primary 25000 deposit; treasury 250000.00 and payroll 312450.88 withdrawals (demo seed).
    expect(usd?.pendingDeposit).toBe("25000.00");
    expect(usd?.pendingWithdrawal).toBe("562450.88");
  });

  test("refuses bad input before any upstream call", async ({ request }) => {
    await EXCHANGE.clearRequests();
    for (const query of ["currency=btc", "pending=yes", "account=primary"]) {
      const body = await json<{ error: { code: string } }>(request, `/api/overview?${query}`, 400);
      expect(body.error.code).toBe("bad_request");
    }
    expect(await EXCHANGE.appCalls()).toEqual([]);
  });
});

test.describe("GET /api/balances.csv", () => {
  test("is the exchange's exact strings with a header, account, _timestamp and a dated filename", async ({ request }) => {
    const response = await request.get(`${APP}/api/balances.csv?account=primary&pending=true&currency=usd`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    expect(response.headers()["cache-control"]).toBe("no-store, private");
    expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="gemini-balances-primary-\d{8}T\d{6}Z\.csv"$/);

    const [header, ...rows] = (await response.text()).trimEnd().split("\r\n");
    expect(header).toBe("account,currency,amount,available,availableForWithdrawal,pendingDeposit,pendingWithdrawal,valueUSD,staked,stakedValueUSD,_timestamp");
    const balances = parse(await EXCHANGE.signedText("/v1/balances", { showPendingBalances: true })) as Record<string, string>[];
    const values = parse(await EXCHANGE.signedText("/v1/notionalbalances/usd")) as Notional[];
    expect(rows).toHaveLength(balances.length);
    balances.forEach((balance, index) => {
      const value = values.find((entry) => entry.currency === balance.currency)?.amountNotional;
      const cells = rows[index]?.split(",");
      expect(cells?.slice(0, 8)).toEqual([
        "primary",
        balance.currency,
        balance.amount,
        balance.available,
        balance.availableForWithdrawal,
        balance.pendingDeposit,
        balance.pendingWithdrawal,
        value,
      ]);
      // Staked figures in their own columns; the exchange's available above is untouched by them.
      expect(cells?.slice(8, 10)).toEqual(PRIMARY_STAKED[balance.currency ?? ""] ?? ["0", ""]);
      expect(cells?.[10]).toMatch(/^\d{19,}$/);
    });
  });

  test("has no pending or value columns unless asked", async ({ request }) => {
    const text = await (await request.get(`${APP}/api/balances.csv?account=payroll`)).text();
    // Payroll stakes nothing: its staked column reads 0 (read, and empty), not "no staking".
    expect(text.split("\r\n")[0]).toBe("account,currency,amount,available,availableForWithdrawal,staked,_timestamp");
    expect(text).toContain("\r\npayroll,USD,845231.17,845231.17,845231.17,0,");
  });

  test("refuses bad input with a JSON error and no upstream call", async ({ request }) => {
    await json(request, "/api/accounts");
    await EXCHANGE.clearRequests();
    for (const [query, status] of [
      ["account=primary&pending=1", 400],
      ["account=primary&format=csv", 400],
      ["account=primary&currency=btc", 400],
      ["account=cold-storage", 400],
      ["account=nope", 404],
    ] as const) {
      const response = await request.get(`${APP}/api/balances.csv?${query}`);
      expect(response.status(), query).toBe(status);
      expect(response.headers()["content-type"]).toContain("application/json");
    }
    expect(await EXCHANGE.appCalls()).toEqual([]);
  });
});

test.describe("key roles", () => {
  test("/api/health and /api/roles report the roles, never the key", async ({ request }) => {
    expect(await json(request, "/api/roles")).toEqual({ roles: { auditor: true, trader: false, fundManager: false } });
    const health = await request.get(`${APP}/api/health`);
    const text = await health.text();
    expect(JSON.parse(text)).toMatchObject({ ok: true, roles: { auditor: true, trader: false, fundManager: false } });
    for (const secret of DEMO_SECRET_AND_KEY) expect(text).not.toContain(secret);
    expect((await request.get(`${APP}/api/roles?x=1`)).status()).toBe(400);
  });

  test("roles are asked of Gemini once per key", async ({ request }) => {
    await json(request, "/api/roles");
    await EXCHANGE.clearRequests();
    for (let i = 0; i < 3; i += 1) {
      await json(request, "/api/roles");
      await request.get(`${APP}/api/health`);
    }
    expect(await EXCHANGE.appCalls()).toEqual([]);
  });

  test("a trading key is reported as such", async ({ request }) => {
    const base = TRADER_KEY.app;
    const roles = (await (await request.get(`${base}/api/roles`)).json()) as { roles: unknown };
    expect(roles.roles).toEqual({ auditor: false, trader: true, fundManager: false });
    const health = (await (await request.get(`${base}/api/health`)).json()) as { roles: unknown };
    expect(health.roles).toEqual(roles.roles);
  });

  test("a key without balance roles gets Gemini's MissingRole, not a generic error", async ({ request }) => {
    const base = NO_ROLES_KEY.app;
    const roles = (await (await request.get(`${base}/api/roles`)).json()) as { roles: unknown };
    expect(roles.roles).toEqual({ auditor: false, trader: false, fundManager: false });
    const valuation = await request.get(`${base}/api/valuation?account=primary`);
    expect(valuation.status()).toBe(403);
    expect(((await valuation.json()) as { error: { code: string } }).error.code).toBe("MissingRole");
  });
});
