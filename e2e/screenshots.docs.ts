/**
 * The README's pictures (docs/*.png), taken only by `npm run docs:screenshots` against the
 * production build: the test suite never writes into the tree. Each waits for what the picture
 * must show; the specs of the same pages hold the assertions.
 */
import { expect, test } from "@playwright/test";
import { uiExchange, UI_APP } from "../testkit/dashboard";
import { TREASURY } from "../testkit/e2e-servers";
import { startApp, stopAll } from "../testkit/processes";

/** Before any answer's receivedAt, so the age shows as 0 s however long the run took: a stable picture. */
const SCREENSHOT_TIME = new Date("2026-01-01T09:00:00Z");
const DESKTOP = { width: 1280, height: 720 };

test.describe("dashboard", () => {
  test.use({ baseURL: UI_APP });

  for (const colorScheme of ["light", "dark"] as const) {
    test(`docs/dashboard-${colorScheme}.png`, async ({ page }) => {
      await page.clock.setFixedTime(SCREENSHOT_TIME);
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize(DESKTOP);
      await page.goto("/?account=primary&pending=1");
      await expect(page.getByRole("columnheader", { name: "Pending deposit" })).toBeVisible();
      await expect(page.getByTestId("portfolio-total")).toContainText(/\d/);
      await page.screenshot({ path: `docs/dashboard-${colorScheme}.png` });
    });
  }

  test("docs/dashboard-stale.png", async ({ page }) => {
    await page.clock.setFixedTime(SCREENSHOT_TIME);
    await page.goto("/?account=primary");
    await expect(page.getByTitle("12345678.91 USD", { exact: true })).toBeVisible();
    await uiExchange.injectFault({ kind: "maintenance", path: "/v1/balances" });
    try {
      await page.getByRole("button", { name: "Refresh" }).click();
      await expect(page.locator('[role="alert"][data-error-code]')).toHaveAttribute("data-error-code", "Maintenance", { timeout: 20_000 });
      await expect(page.getByTestId("freshness")).toContainText(/Stale/);
      await page.screenshot({ path: "docs/dashboard-stale.png" });
    } finally {
      await uiExchange.clearFaults();
    }
  });
});

test("docs/treasury-overview.png", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize(DESKTOP);
  await page.goto(`${TREASURY.app}/overview`);
  await expect(page.getByTestId("overview-progress")).toHaveCount(0, { timeout: 20_000 });
  await expect(page.getByTestId("allocation-chart")).toBeVisible();
  await page.screenshot({ path: "docs/treasury-overview.png", fullPage: true });
});

test("docs/history-connections.png", async ({ page }) => {
  test.setTimeout(120_000);
  // Two demo entities with their seeded past: history over both, summed.
  const app = await startApp({ env: { DEMO_CONNECTIONS: "us-entity,sg-entity", DEMO_HISTORY: "on" } });
  try {
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize(DESKTOP);
    await page.goto(`${app.url}/history?connection=all&range=90d`);
    await expect(page.getByTestId("history-consolidated")).toBeVisible();
    await expect(page.getByTestId("history-total-chart").locator(".history-staked-line path.recharts-line-curve")).toHaveAttribute("d", /L/);
    await expect(page.getByTestId("history-currency-chart").locator("path.recharts-line-curve")).toBeVisible();
    await page.screenshot({ path: "docs/history-connections.png" });
  } finally {
    await stopAll([app]);
  }
});
