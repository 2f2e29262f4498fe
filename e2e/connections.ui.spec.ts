/**
 * Several connections in Chromium, on the production build with two embedded demo groups
 * (DEMO_CONNECTIONS): the connection selector holds the account selector, works by keyboard and
 * puts ?connection= in the address; the all-accounts view labels each row with its connection and
 * shows each connection's subtotal beside the consolidated total; history shows one connection or
 * all of them summed, and snapshots, statements and past views stay with their connection; axe
 * light and dark.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import Big from "big.js";
import { startApp, stopAll, type Running } from "../testkit/processes";

const test = base.extend<object, { app: Running }>({
  app: [
    async ({}, use) => {
      const app = await startApp({ env: { DEMO_CONNECTIONS: "us-entity,sg-entity", GEMINI_CALLS_PER_SECOND: "10" } });
      await use(app);
      await stopAll([app]);
    },
    { scope: "worker", timeout: 120_000 },
  ],
});

async function expectAxeClean(page: Page): Promise<void> {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(serious.map((violation) => `${colorScheme} ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
  }
}

test.describe.configure({ mode: "serial" });

test("the connection selector holds the account selector and switches groups by keyboard", async ({ page, app }) => {
  await page.goto(app.url);
  const group = page.getByRole("group", { name: "Gemini key" });
  const connection = group.getByLabel("Connection");
  const account = group.getByLabel("Account");
  await expect(connection).toHaveValue("us-entity");
  await expect(account).toHaveValue("primary");
  await expect(page.getByRole("heading", { level: 1, name: /Operating/ })).toBeVisible();

  await connection.focus();
  await page.keyboard.press("ArrowDown");
  await expect(page).toHaveURL(/\?connection=sg-entity$/);
  await expect(account).toHaveValue("sg-entity-primary");
  await expect(page.getByRole("heading", { level: 1, name: /Operating \(sg-entity\)/ })).toBeVisible();
  await expect(page.locator("table").first()).toContainText("BTC");

  // The address keeps the choice: a reload shows the same connection and account.
  await page.reload();
  await expect(connection).toHaveValue("sg-entity");
  await expect(account).toHaveValue("sg-entity-primary");
  await expectAxeClean(page);
});

test("an unknown connection in the address says so instead of showing another group", async ({ page, app }) => {
  await page.goto(`${app.url}/?connection=eu-entity`);
  await expect(page.getByText("The dashboard has no connection by that name.")).toBeVisible();
});

test("the all-accounts view labels each row with its connection and shows each connection's subtotal", async ({ page, app }) => {
  test.setTimeout(90_000);
  await page.goto(`${app.url}/overview`);
  const rows = page.getByRole("table", { name: "Value of each open exchange account in USD" }).locator("tbody tr");
  await expect(rows).toHaveCount(6, { timeout: 60_000 });
  await expect(rows.and(page.locator('[data-connection="sg-entity"]'))).toHaveCount(3);
  await expect(rows.and(page.locator('[data-connection="us-entity"]'))).toHaveCount(3);
  const byConnection = page.getByRole("table", { name: /Value of each connection in USD/ });
  await expect(byConnection.getByRole("rowheader")).toHaveText(["us-entity", "sg-entity", "Consolidated"]);
  await expect(byConnection.locator("[data-connection-total] data")).toBeVisible({ timeout: 60_000 });
  await expect(rows.and(page.locator('[data-connection="sg-entity"]')).locator("a").first()).toHaveAttribute("href", "/?connection=sg-entity&account=sg-entity-primary");
  await expectAxeClean(page);
});

test("read live (another valuation currency), the all-accounts view spans both connections with a subtotal each", async ({ page, app }) => {
  test.setTimeout(90_000);
  await page.goto(`${app.url}/overview?valuation=eur`);
  const rows = page.getByRole("table", { name: "Value of each open exchange account in EUR" }).locator("tbody tr");
  await expect(rows).toHaveCount(6, { timeout: 60_000 });
  await expect(rows.and(page.locator('[data-connection="sg-entity"]'))).toHaveCount(3);
  await expect(rows.and(page.locator('[data-connection="us-entity"]'))).toHaveCount(3);
  const byConnection = page.getByRole("table", { name: /Value of each connection in EUR/ });
  await expect(byConnection.getByRole("rowheader")).toHaveText(["us-entity", "sg-entity", "Consolidated"]);
  const consolidated = byConnection.locator("[data-connection-total] data");
  await expect(consolidated).toBeVisible({ timeout: 60_000 });
  const subtotals = await byConnection.locator("tbody data").evaluateAll((cells) => cells.map((cell) => cell.getAttribute("value") ?? ""));
  expect(subtotals).toHaveLength(2);
  expect(new Big(subtotals[0]!).plus(subtotals[1]!).eq(new Big((await consolidated.getAttribute("value"))!))).toBe(true);
  await expect(page.getByTestId("live-default-connection")).toHaveCount(0);
  await expectAxeClean(page);
});

test("history shows one connection or all of them summed, and each connection's snapshots open its own statement", async ({ page, app }) => {
  await page.goto(`${app.url}/history`);
  const group = page.getByRole("group", { name: "Gemini key" });
  const connection = group.getByLabel("Connection");
  await expect(connection).toHaveValue("us-entity");
  await expect(group.getByLabel("Account")).toBeVisible();
  await expect(page.getByTestId("history-consolidated")).toHaveCount(0);

  await connection.selectOption({ label: "All connections" });
  await expect(page).toHaveURL(/\?connection=all$/);
  await expect(page.getByTestId("history-consolidated")).toContainText("us-entity, sg-entity");
  // Account names belong to one connection: no account selector over all of them.
  await expect(group.getByLabel("Account")).toHaveCount(0);
  await expect(page.getByTestId("history-total-chart")).not.toHaveAttribute("data-points", "0");
  for (const label of ["us-entity", "sg-entity"]) await expect(page.getByRole("heading", { level: 2, name: `Snapshots · ${label}` })).toBeVisible();
  // The demo's one missing day is missing from both groups alike: no bucket has only one connection.
  await page.getByText("The figures as a table").click();
  await expect(page.getByTestId("history-table").locator("tr[data-missing]")).toHaveCount(0);
  await expectAxeClean(page);

  await connection.selectOption("sg-entity");
  await expect(page).toHaveURL(/\?connection=sg-entity$/);
  await expect(group.getByLabel("Account")).toBeVisible();
  const statementLink = page.getByTestId("snapshot-list").getByRole("link", { name: /Statement/ }).first();
  await expect(statementLink).toHaveAttribute("href", /connection=sg-entity/);
  await statementLink.click();
  await expect(page.getByTestId("statement-facts")).toContainText("sg-entity");
  await expect(page.locator("section[data-account]").first()).toHaveAttribute("data-account", /^sg-entity-/);
  await expect(page.getByRole("link", { name: "Download CSV" })).toHaveAttribute("href", /connection=sg-entity/);
});

test("the account page's past view reads the chosen connection's snapshots", async ({ page, app, request }) => {
  // A snapshot of each connection to look back at (this app seeds no demo past).
  const taken = await request.post(`${app.url}/api/snapshots`);
  expect(taken.status()).toBe(201);
  const { snapshots } = (await taken.json()) as { snapshots: { connection: string; takenAt: string }[] };
  const at = snapshots.find((snapshot) => snapshot.connection === "sg-entity")!.takenAt;
  const stored = (await (await request.get(`${app.url}/api/statement?connection=sg-entity&account=sg-entity-treasury&at=${encodeURIComponent(at)}`)).json()) as {
    balances: { currency: string; amount: string }[];
  };
  expect(stored.balances.length).toBeGreaterThan(0);
  await page.goto(`${app.url}/?connection=sg-entity&account=sg-entity-treasury&at=${encodeURIComponent(at)}`);
  await expect(page.getByTestId("as-of-banner")).toBeVisible();
  await expect(page.getByTestId("as-of-banner").getByRole("link", { name: "Statement" })).toHaveAttribute("href", /connection=sg-entity/);
  for (const row of stored.balances) await expect(page.locator("table").first()).toContainText(row.currency);

  // The all-accounts view as of that time: each connection's own statement, its accounts only.
  await page.goto(`${app.url}/overview?at=${encodeURIComponent(at)}`);
  for (const label of ["us-entity", "sg-entity"]) {
    const section = page.locator(`[data-connection="${label}"]`);
    await expect(section.getByRole("heading", { level: 2, name: `All accounts · ${label}` })).toBeVisible();
    await expect(section.getByTestId("as-of-banner").getByRole("link", { name: "Statement" })).toHaveAttribute("href", new RegExp(`connection=${label}`));
  }
  await expect(page.locator('[data-connection="sg-entity"] tbody th').first()).toHaveText(/^sg-entity-/);
  await expect(page.locator('[data-connection="us-entity"] tbody th', { hasText: "sg-entity-" })).toHaveCount(0);
});
