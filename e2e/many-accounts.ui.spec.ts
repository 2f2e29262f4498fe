/**
 * A group of 40 accounts in Chromium, on the production build: the account selector is a
 * searchable WAI-ARIA combobox (keyboard, filtering, axe light and dark), and the all-accounts
 * view comes from the history store with each account's age while the server refreshes it.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";

/** 40 accounts: five named (three open exchange accounts) and 35 desks. */
const GROUP = 40;
const OPEN_ACCOUNTS = 38;
const WARM_UP_MS = 240_000;

const test = base.extend<object, { app: Running }>({
  app: [
    async ({}, use) => {
      const exchange = await startExchange(["--accounts", String(GROUP), "--no-drift"]);
      const app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, BALANCES_CACHE_TTL_MS: "0", GEMINI_CALLS_PER_SECOND: "5" } });
      const deadline = Date.now() + WARM_UP_MS;
      while (!(await fetch(`${app.url}/api/accounts`).then((response) => response.ok, () => false))) {
        if (Date.now() > deadline) throw new Error(`the app did not answer:\n${app.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      await use(app);
      await stopAll([app, exchange]);
    },
    { scope: "worker", timeout: WARM_UP_MS + 60_000 },
  ],
});

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe.configure({ mode: "serial" });

test("the all-accounts view shows every account from the store with its age, and which are refreshing", async ({ page, app }) => {
  test.setTimeout(90_000);
  await page.goto(`${app.url}/overview`);
  const rows = page.getByRole("table", { name: "Value of each open exchange account in USD" }).locator("tbody tr");
  // The store starts empty: the view's refresh reads the group, each account appearing as it is read.
  await expect(page.locator('tr[data-refreshing="true"]').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("overview-refresh")).toContainText("Refreshing accounts in the background");
  await expect(rows).toHaveCount(OPEN_ACCOUNTS);
  await expect(page.getByTestId("overview-refresh")).toContainText("Figures from the history store", { timeout: 60_000 });
  await expect(page.locator('tr[data-refreshing="true"]')).toHaveCount(0);
  const ages = page.getByTestId("account-age");
  await expect(ages).toHaveCount(OPEN_ACCOUNTS);
  for (const text of await ages.allInnerTexts()) expect(text).toMatch(/^as of \d+ (s|min) ago$/);
  // Each age reads the clock itself and ticks: the newest read (the last row) is seconds old.
  const newest = ages.last();
  const before = await newest.innerText();
  expect(before).toMatch(/^as of \d+ s ago$/);
  await expect(newest).not.toHaveText(before, { timeout: 5_000 });

  // A second visit reads the store at once: the full table, every row with its age, no loading.
  await page.reload();
  await expect(rows).toHaveCount(OPEN_ACCOUNTS);
  await expect(page.getByTestId("account-age").filter({ hasText: /^as of / })).toHaveCount(OPEN_ACCOUNTS);
  await expect(page.getByText("Loading…")).toHaveCount(0);
});

test("the stored table is in the page's first HTML: every row with its value and age, before any script runs", async ({ browser, app }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await page.goto(`${app.url}/overview`);
    const rows = page.getByRole("table", { name: "Value of each open exchange account in USD" }).locator("tbody tr[data-account]");
    await expect(rows).toHaveCount(OPEN_ACCOUNTS);
    await expect(rows.filter({ has: page.locator("[data-exact]") })).toHaveCount(OPEN_ACCOUNTS);
    await expect(page.getByTestId("account-age").filter({ hasText: /^as of \d\d:\d\d UTC$/ })).toHaveCount(OPEN_ACCOUNTS);
  } finally {
    await context.close();
  }
});

test("the account selector of a large group is a searchable combobox, used with the keyboard alone", async ({ page, app }) => {
  await page.goto(`${app.url}/?account=primary`);
  const combobox = page.getByRole("combobox", { name: "Account" });
  await expect(combobox).toHaveValue("Operating (primary)");
  await expect(combobox).toHaveAttribute("aria-expanded", "false");

  await combobox.focus();
  await combobox.fill("desk 03");
  await expect(combobox).toHaveAttribute("aria-expanded", "true");
  const listbox = page.getByRole("listbox", { name: "Account" });
  const options = listbox.getByRole("option");
  await expect(options).toHaveText(["Desk 003 (desk-003)", "Desk 030 (desk-030)", "Desk 031 (desk-031)", "Desk 032 (desk-032)", "Desk 033 (desk-033)", "Desk 034 (desk-034)", "Desk 035 (desk-035)"]);
  await expect(page.getByRole("status").filter({ hasText: "7 accounts match" })).toBeAttached();

  await combobox.press("ArrowDown");
  await combobox.press("ArrowDown");
  const active = await combobox.getAttribute("aria-activedescendant");
  expect(active).toBeTruthy();
  await expect(page.locator(`[id="${active}"]`)).toHaveText("Desk 030 (desk-030)");
  await combobox.press("Enter");
  await expect(page).toHaveURL(/[?&]account=desk-030/);
  await expect(combobox).toHaveValue("Desk 030 (desk-030)");
  await expect(combobox).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByRole("table", { name: /Balances of Desk 030/ })).toBeVisible();

  // Escape closes without choosing; custody accounts are listed but cannot be picked.
  await combobox.fill("cold");
  await expect(options).toHaveText(["Cold Storage (cold-storage) · custody, no exchange balances"]);
  await expect(options.first()).toHaveAttribute("aria-disabled", "true");
  await combobox.press("ArrowDown");
  await combobox.press("Enter");
  await expect(page).toHaveURL(/[?&]account=desk-030/);
  await combobox.press("Escape");
  await expect(combobox).toHaveAttribute("aria-expanded", "false");
  await combobox.fill("no such desk");
  await expect(listbox.getByText("No account matches")).toBeVisible();
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`no serious or critical axe violations with the combobox open and on the overview (${colorScheme})`, async ({ page, app }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(`${app.url}/?account=primary`);
    const combobox = page.getByRole("combobox", { name: "Account" });
    await combobox.fill("desk");
    await combobox.press("ArrowDown");
    await expect(page.getByRole("listbox", { name: "Account" })).toBeVisible();
    await expectAxeClean(page);
    await page.goto(`${app.url}/overview`);
    await expect(page.getByTestId("account-age").first()).toBeVisible();
    await expectAxeClean(page);
  });
}
