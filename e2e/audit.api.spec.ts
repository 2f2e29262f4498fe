/**
 * Every read of balances writes its audit line, whether it comes through the API or a page render,
 * on a production build with sign-in on (the app is started here so its stdout can be read).
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { demoExchange } from "../testkit/demo-exchange";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { signInEnv, TEST_USER } from "../testkit/sign-in";

/** Upstream calls that read balances (valuation reads them with prices). */
const BALANCE_READ = /^\/v1\/(balances|notionalbalances\/)/;

interface AuditLine {
  event: string;
  user: string | null;
  outcome: string;
  account?: string | null;
  address?: string;
}

let exchange: Running;
let app: Running;
let cookie: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // No balances cache: every render below reaches the exchange, so its calls can be counted.
  exchange = await startExchange();
  app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, ...signInEnv, BALANCES_CACHE_TTL_MS: "0" } });
  const response = await fetch(`${app.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(TEST_USER),
  });
  expect(response.status).toBe(200);
  cookie = response.headers.get("set-cookie")!.split(";")[0]!;
});

test.afterAll(async () => {
  await stopAll([app, exchange]);
});

function auditLines(): AuditLine[] {
  return app
    .output()
    .split("\n")
    .filter((line) => line.startsWith('{"audit":true'))
    .map((line) => JSON.parse(line) as AuditLine);
}

/**
 * Waits until no background refresh of the group is reading upstream: /overview starts one (a
 * snapshot, the server's own read), and its calls must not be counted as the next page's.
 */
async function settled(): Promise<void> {
  await expect
    .poll(async () => {
      const body = (await (await fetch(`${app.url}/api/overview/stored`, { headers: { cookie } })).json()) as { refresh?: { running: boolean } };
      return body.refresh?.running ?? false;
    }, { timeout: 60_000 })
    .toBe(false);
}

/** The audit lines a request wrote, and the balance reads it made upstream. */
async function readsOf(request: APIRequestContext, path: string) {
  await settled();
  await demoExchange(exchange.url).clearRequests();
  const before = auditLines().length;
  const response = await request.get(`${app.url}${path}`, { headers: { cookie } });
  expect(response.status(), path).toBe(200);
  await response.body();
  const upstream = (await demoExchange(exchange.url).appCalls()).filter((call) => BALANCE_READ.test(call.path));
  return { audited: auditLines().slice(before), upstream };
}

const ofRead = (account: string) =>
  expect.objectContaining({
    event: "balances_fetch",
    user: TEST_USER.username,
    account,
    outcome: "ok",
    address: expect.stringMatching(/127\.0\.0\.1/),
  });

test("the dashboard page's own balance read writes the audit line: user, account, client address", async ({ request }) => {
  for (const account of ["primary", "treasury"]) {
    const { audited } = await readsOf(request, `/?account=${account}`);
    expect(audited, account).toEqual([ofRead(account)]);
  }
  // Without an account the page reads the default one, and says which.
  const { audited } = await readsOf(request, "/");
  expect(audited).toEqual([ofRead("primary")]);
});

test("the API's reads write the same line, with the client address", async ({ request }) => {
  const { audited } = await readsOf(request, "/api/balances?account=payroll");
  expect(audited).toEqual([ofRead("payroll")]);
  const valuation = await readsOf(request, "/api/valuation?account=payroll");
  expect(valuation.audited).toEqual([
    expect.objectContaining({ event: "valuation_fetch", user: TEST_USER.username, account: "payroll", address: expect.any(String) }),
  ]);
});

test("no page render reads balances upstream without an audit line for each account it read", async ({ request }) => {
  for (const path of ["/", "/?account=payroll", "/?account=primary&pending=true", "/overview", "/overview?currency=eur", "/login"]) {
    const { audited, upstream } = await readsOf(request, path);
    const auditedAccounts = new Set(audited.map((line) => line.account));
    for (const call of upstream) expect(auditedAccounts.has(call.account), `${path} read ${call.account} unaudited`).toBe(true);
  }
});
