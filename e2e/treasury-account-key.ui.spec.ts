/** The treasury view with an account-scoped key (live mode, signed in): one account, no overview. */
import { readFile } from "node:fs/promises";
import Big from "big.js";
import { expect, test } from "@playwright/test";
import { UI_ACCOUNT_KEY } from "../testkit/e2e-servers";
import { signIn } from "../testkit/sign-in";

test.use({ baseURL: UI_ACCOUNT_KEY.app });

test.beforeEach(async ({ page }) => signIn(page));

test("values the key's one account and exports it without an account name", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("columnheader", { name: /^Value \(USD\)/ })).toBeVisible();
  const valuation = (await (await page.request.get("/api/valuation")).json()) as {
    account: null;
    total: string;
    values: { amountNotional: string }[];
    prices: Record<string, string>;
  };
  expect(valuation.account).toBeNull();
  const sum = valuation.values.reduce((total, value) => total.plus(value.amountNotional), new Big(0));
  expect(new Big(valuation.total).eq(sum)).toBe(true);
  // The total counts the account's staked balances too, at the price feed's prices.
  const { staking } = (await (await page.request.get("/api/balances")).json()) as { staking: { balances: { currency: string; balance: string }[] } };
  const staked = staking.balances.reduce((total, row) => total.plus(new Big(row.balance).times(valuation.prices[row.currency]!)), new Big(0));
  expect(staked.gt(0)).toBe(true);
  await expect(page.getByTestId("portfolio-total")).toHaveAttribute("data-exact", /\d/);
  expect(new Big((await page.getByTestId("portfolio-total").getAttribute("data-exact"))!).eq(new Big(valuation.total).plus(staked))).toBe(true);
  await expect(page.getByRole("link", { name: "All accounts" })).toHaveCount(0);

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^gemini-balances-account-key-\d{8}T\d{6}Z\.csv$/);
  const rows = (await readFile(await download.path(), "utf8")).trimEnd().split("\r\n");
  expect(rows.slice(1).every((row) => row.startsWith(","))).toBe(true); // no account name to give
  expect(rows.join("\n")).toContain(",USD,12345678.91,");
});

test("the overview says it is for master keys", async ({ page }) => {
  await page.goto("/overview");
  await expect(page.getByText("The overview covers the accounts of a master (group) API key")).toBeVisible();
  const response = await page.request.get("/api/overview");
  expect(response.status()).toBe(400);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("master_key_required");
});
