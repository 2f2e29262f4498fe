/**
 * Staking on the all-accounts view and the statement, in Chromium over the production build with
 * its own demo exchange (no drift, cache off): a snapshot whose staking call fails for one account
 * shows that account's "no staking" while the others' staked values count in the totals.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import type { SnapshotTakenResponse } from "../lib/snapshots/types";
import { demoExchange } from "../testkit/demo-exchange";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";

let exchangeProcess: Running;
let app: Running;
let takenAt: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  exchangeProcess = await startExchange(["--no-drift"]);
  const exchange = demoExchange(exchangeProcess.url);
  app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, BALANCES_CACHE_TTL_MS: "0" } });
  // The first staking call (primary, the group's first account) fails; the others answer.
  await exchange.injectFault({ kind: "invalid-shape", path: "/v1/balances/staking", times: 1 });
  const taken = await fetch(`${app.url}/api/snapshots`, { method: "POST" });
  expect(taken.status).toBe(201);
  takenAt = ((await taken.json()) as SnapshotTakenResponse).snapshot.takenAt;
});

test.afterAll(async () => {
  await stopAll([app, exchangeProcess]);
});

test("the overview shows each account's staked value or 'no staking', and counts it in the group total", async ({ page }) => {
  await page.goto(`${app.url}/overview`);
  await expect(page.getByTestId("overview-refresh")).toContainText("Figures from the history store", { timeout: 20_000 });
  const accounts = page.getByRole("table", { name: /Value of each open exchange account/ });
  await expect(accounts.getByRole("columnheader", { name: "Of which staked" })).toBeVisible();
  await expect(accounts.locator('tr[data-account="primary"]').getByTestId("account-staked")).toHaveText("no staking");
  const treasury = accounts.locator('tr[data-account="treasury"]').getByTestId("account-staked");
  await expect(treasury.locator("[data-exact]")).toHaveAttribute("data-exact", "2177700");
  await expect(treasury).toHaveText("2,177,700.00");
  await expect(accounts.locator('tr[data-account="payroll"]').getByTestId("account-staked")).toHaveText("—");
  await expect(page.getByTestId("group-staked-total")).toHaveAttribute("data-exact", "2177700");

  // Per currency: the staked sum in its own column, the exchange's available untouched beside it.
  const consolidated = page.getByRole("table", { name: "Balances summed per currency across accounts" });
  await expect(consolidated.getByRole("columnheader", { name: /^Staked/ }).first()).toBeVisible();
  await expect(consolidated.getByRole("row", { name: /^ETH/ }).locator('[data-exact="640.5"]')).toBeVisible();

  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
});

test("the statement lists staked balances apart, marked as staked, and says why an account has none", async ({ page }) => {
  await page.goto(`${app.url}/statement?at=${encodeURIComponent(takenAt)}`);
  const treasury = page.locator('section[data-account="treasury"]');
  const staked = treasury.getByRole("table", { name: "Staked balances of account treasury" });
  await expect(staked.getByRole("row", { name: /^ETH staked/ }).locator("td[data-exact]")).toHaveCount(2);
  expect(await staked.locator("td[data-exact]").evaluateAll((tds) => tds.map((td) => td.getAttribute("data-exact")))).toEqual(["640.5", "2177700"]);
  await expect(page.locator('section[data-account="primary"]')).toContainText("No staking: Gemini did not answer staking balances for this account.");
  await expect(page.getByTestId("statement-staked-totals").getByRole("row", { name: /^ETH staked/ })).toBeVisible();
  await expect(page.getByTestId("statement-sha256")).toHaveText(/^[0-9a-f]{64}$/);
});
