/**
 * /overview reads nothing on the server; in a real browser its reads go through /api/balances and
 * /api/valuation, one account after another, and each writes its audit line for the signed-in user.
 */
import { test as base, expect } from "@playwright/test";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { signIn, signInEnv, TEST_USER } from "../testkit/sign-in";

/** The demo group's open exchange accounts: the ones the overview reads. */
const OVERVIEW_ACCOUNTS = ["primary", "treasury", "payroll"];

let app: Running;

// This file's own exchange and app, started once per worker on free ports: pages resolve against the app.
const test = base.extend<object, { auditedApp: Running }>({
  auditedApp: [
    async ({}, use) => {
      const exchange = await startExchange();
      app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, ...signInEnv, BALANCES_CACHE_TTL_MS: "0" } });
      await use(app);
      await stopAll([app, exchange]);
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ auditedApp }, use) => use(auditedApp.url),
});

function readLines(): { event: string; user: string | null; account?: string | null; address?: string }[] {
  return app
    .output()
    .split("\n")
    .filter((line) => line.startsWith('{"audit":true'))
    .map((line) => JSON.parse(line));
}

test("opening /overview audits every account it reads, balances and valuation, with user and address", async ({ page }) => {
  await signIn(page);
  const before = readLines().length;
  await page.goto("/overview");
  const expected = OVERVIEW_ACCOUNTS.flatMap((account) =>
    ["balances_fetch", "valuation_fetch"].map((event) =>
      expect.objectContaining({ event, account, user: TEST_USER.username, address: expect.stringMatching(/127\.0\.0\.1/) }),
    ),
  );
  await expect.poll(() => readLines().slice(before)).toEqual(expect.arrayContaining(expected));
});
