/**
 * /overview reads nothing on the server; in a real browser it reads every account's latest figures
 * from the history store through /api/overview/stored, which writes its audit line for the
 * signed-in user (the live fan-out's per-account lines are e2e/audit.api's).
 */
import { test as base, expect } from "@playwright/test";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { signIn, signInEnv, TEST_USER } from "../testkit/sign-in";

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

test("opening /overview audits its read of the group, with user and address", async ({ page }) => {
  await signIn(page);
  const before = readLines().length;
  await page.goto("/overview");
  const expected = expect.objectContaining({ event: "overview_fetch", account: null, user: TEST_USER.username, address: expect.stringMatching(/127\.0\.0\.1/) });
  await expect.poll(() => readLines().slice(before)).toEqual(expect.arrayContaining([expected]));
});
