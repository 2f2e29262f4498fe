/** Staking in Chromium: the Staked column floored, the provider breakdown behind a disclosure, "no staking", axe light and dark. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { expectedDisplay, uiExchange, UI_APP } from "../testkit/dashboard";

test.use({ baseURL: UI_APP });

/** The server retries a transient fault within its budget before answering. */
const SERVER_BUDGET_MS = 20_000;

const balancesTable = (page: Page) => page.getByRole("table", { name: "Balances of Operating" });

test.afterAll(async () => {
  await uiExchange.clearFaults();
});

test("the Staked column shows each staked balance floored, with the exact digits on hover", async ({ page }) => {
  await page.goto("/?account=primary");
  const table = balancesTable(page);
  await expect(table.getByRole("columnheader", { name: /^Staked/ }).first()).toBeVisible();
  const eth = table.getByRole("row", { name: /^ETH/ }).locator('[data-exact="40.250000000000000001"]');
  await expect(eth.locator("data")).toHaveText(expectedDisplay("40.250000000000000001", 6));
  await expect(eth).toHaveAttribute("title", "40.250000000000000001 ETH staked");
  // Its value at the feed's price (3400 USD), floored to cents.
  await expect(table.getByRole("row", { name: /^ETH/ }).locator('[data-exact="136850.0000000000000034"] data')).toHaveText("136,850.00");
  // The exchange's own available is shown as sent, never with the staked amount added.
  await expect(table.getByRole("row", { name: /^ETH/ }).locator('[data-exact="318.75"]').first()).toBeVisible();
});

test("the provider breakdown opens on demand and is announced as expanded", async ({ page }) => {
  await page.goto("/?account=primary");
  const toggle = page.getByRole("button", { name: "Show staking by provider" });
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  const breakdown = page.getByRole("table", { name: "Staked balances by provider" });
  await expect(breakdown).toHaveCount(0);
  await toggle.click();
  await expect(page.getByRole("button", { name: "Hide staking by provider" })).toHaveAttribute("aria-expanded", "true");
  // One provider stakes both ETH and SOL for primary.
  await expect(breakdown.getByText("62b21e17-2534-4b9f-afcf-b7edb609dd8d")).toHaveCount(2);
  await expect(breakdown.getByText("9a3c4d1e-5f60-4b7a-8c9d-0e1f2a3b4c5d")).toBeVisible();
  await expect(breakdown.locator('[data-exact="32.000000000000000001"]')).toHaveText("32.000000");
});

test("a staking error shows 'no staking' in its column and leaves the balances on screen", async ({ page }) => {
  await uiExchange.injectFault({ kind: "missing-role", path: "/v1/balances/staking" });
  await page.goto("/?account=treasury");
  const table = page.getByRole("table", { name: "Balances of Treasury Reserve" });
  await expect(page.getByTestId("no-staking")).toContainText("may not read staking balances", { timeout: SERVER_BUDGET_MS });
  await expect(table.getByRole("row", { name: /^ETH/ }).getByText("no staking")).toBeVisible();
  await expect(page.getByTitle("5000000.00 USD").first()).toBeVisible();
  await expect(page.locator('[role="alert"][data-error-code]')).toHaveCount(0);
  await uiExchange.clearFaults();
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`staking has no serious or critical accessibility violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/?account=primary");
    await page.getByRole("button", { name: "Show staking by provider" }).click();
    await expect(page.getByRole("table", { name: "Staked balances by provider" })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
  });
}
