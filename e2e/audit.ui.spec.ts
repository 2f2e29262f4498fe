/**
 * /overview reads nothing on the server; in a real browser its reads go through /api/balances and
 * /api/valuation, one account after another, and each writes its audit line for the signed-in user.
 */
import { expect, test } from "@playwright/test";
import { startPair } from "./support/processes";
import { appUrl, AUDIT_UI, signInEnv, TEST_USER } from "./support/servers";
import { signIn } from "./support/sign-in";

const APP = appUrl(AUDIT_UI.app);
/** The demo group's open exchange accounts: the ones the overview reads. */
const OVERVIEW_ACCOUNTS = ["primary", "treasury", "payroll"];

let server: Awaited<ReturnType<typeof startPair>>;

test.use({ baseURL: APP });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startPair(AUDIT_UI.app, AUDIT_UI.exchange, { ...signInEnv, BALANCES_CACHE_TTL_MS: "0" });
});

test.afterAll(async () => {
  await server?.stop();
});

function readLines(): { event: string; user: string | null; account?: string | null; address?: string }[] {
  return server.app
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
