/** The balances dashboard in Chromium, against the production build and a demo exchange over HTTP. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { currencyInfo } from "../lib/balances/currencies";
import { collectCspViolations } from "../testkit/csp";
import { apiBalances, expectedDisplay, readTable, uiExchange, UI_APP, type ApiBalances } from "../testkit/dashboard";

test.use({ baseURL: UI_APP });

test.beforeEach(async () => {
  await uiExchange.clearFaults();
});

const table = (page: Page) => page.getByRole("table");
const pendingSwitch = (page: Page) => page.getByRole("switch", { name: "Show pending balances" });
const accountSelect = (page: Page) => page.getByRole("combobox", { name: "Account" });
/** The server renders "Updated just now"; the count in seconds appears once React has hydrated. */
const hydrated = (page: Page) => expect(page.getByTestId("freshness")).toHaveText(/\d+ s ago/);
/** The shown (floored) figure of the cell whose exact value and unit are `title`. */
const figure = (page: Page, title: string) => page.getByTitle(title, { exact: true }).locator("data");

async function expectTableMatches(page: Page, api: ApiBalances, columns: Record<string, keyof ApiBalances["balances"][number]>) {
  const shown = await readTable(page);
  const nonZero = api.balances.filter((balance) => Object.values(columns).some((field) => !/^0(\.0*)?$/.test(balance[field] ?? "0")));
  expect(Object.keys(shown).sort()).toEqual(nonZero.map((balance) => balance.currency).sort());
  for (const balance of nonZero) {
    const decimals = currencyInfo(balance.currency).decimals;
    for (const [header, field] of Object.entries(columns)) {
      const exact = balance[field] ?? null;
      const cell = shown[balance.currency]?.[header];
      expect(cell, `${balance.currency} ${header}`).toBeDefined();
      expect(cell?.exact, `${balance.currency} ${header} exact`).toBe(exact);
      if (exact !== null) {
        expect(cell?.display, `${balance.currency} ${header} shown`).toBe(expectedDisplay(exact, decimals));
        expect(cell?.title).toBe(`${exact} ${balance.currency}`);
      }
    }
  }
}

const BASE_COLUMNS = { Amount: "amount", Available: "available", "Available for withdrawal": "availableForWithdrawal" } as const;
const PENDING_COLUMNS = { ...BASE_COLUMNS, "Pending deposit": "pendingDeposit", "Pending withdrawal": "pendingWithdrawal" } as const;

test("the first HTML already holds the balances table, with no spinner", async ({ request }) => {
  const response = await request.get("/?account=treasury");
  expect(response.status()).toBe(200);
  const html = await response.text();
  expect(html).toContain("<table");
  for (const header of ["Currency", "Amount", "Available", "Available for withdrawal"]) expect(html).toContain(`>${header}<`);
  expect(html).toContain("250,000.12"); // EUR 250000.123456789012345 floored to cents
  expect(html).toContain('data-exact="250000.123456789012345"');
  expect(html).not.toContain("Loading balances");
  expect(html).toContain("Demo data");
  expect(html).toMatch(/<title>[^<]*Gemini Treasury[^<]*<\/title>/);
});

test("every figure is the exchange's value floored to its currency's precision", async ({ page, request }) => {
  await page.goto("/?account=primary");
  await expect(table(page)).toBeVisible();
  await expectTableMatches(page, await apiBalances(request, "primary"), BASE_COLUMNS);
  // 42.1234567890123456789 BTC: floored, not rounded, with the exact value a hover away.
  await expect(figure(page, "42.1234567890123456789 BTC")).toHaveText(/^42\.12345678/);
});

test("every account's figures, with pending on, match the exchange's floored values", async ({ page, request }) => {
  for (const account of ["primary", "treasury", "payroll", "legacy-otc"]) {
    await page.goto(`/?account=${account}&pending=1`);
    await expect(page.getByRole("columnheader", { name: "Pending withdrawal" })).toBeVisible();
    await expectTableMatches(page, await apiBalances(request, account, true), PENDING_COLUMNS);
  }
  // legacy-otc holds 1e-19 BTC: shown as zero at BTC's precision, but not hidden as a zero balance.
  await expect(figure(page, "0.0000000000000000001 BTC").first()).toHaveText("0.00000000"); // amount and available
});

test("the pending switch adds and removes the pending columns and changes the request", async ({ page, request }) => {
  await page.goto("/");
  await expect(pendingSwitch(page)).toHaveAttribute("aria-checked", "false");
  await expect(page.getByRole("columnheader", { name: "Pending deposit" })).toHaveCount(0);

  const pendingRequest = page.waitForRequest((req) => req.url().includes("/api/balances") && req.url().includes("pending=true"));
  await pendingSwitch(page).click();
  await pendingRequest;
  await expect(page).toHaveURL(/[?&]pending=1\b/);
  await expect(page.getByRole("columnheader", { name: "Pending deposit" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Pending withdrawal" })).toBeVisible();
  await expectTableMatches(page, await apiBalances(request, "primary", true), PENDING_COLUMNS);

  await pendingSwitch(page).click();
  await expect(page).not.toHaveURL(/pending=/);
  await expect(page.getByRole("columnheader", { name: "Pending deposit" })).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Available for withdrawal" })).toBeVisible();
});

test("the account selector switches accounts, keeping the old table dimmed until the new one arrives", async ({ page, request }) => {
  await page.goto("/");
  await expect(accountSelect(page)).toHaveValue("primary");
  const options = await accountSelect(page).locator("option").allTextContents();
  expect(options).toContain("Treasury Reserve (treasury)");
  expect(options).toContain("Legacy OTC Desk (legacy-otc) · closed");
  await expect(accountSelect(page).locator("option", { hasText: "Cold Storage" })).toBeDisabled();

  // Hold the new account's answer to see what is on screen meanwhile.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/balances?account=treasury*", async (route) => {
    await held;
    await route.continue();
  });
  await accountSelect(page).selectOption("treasury");
  await expect(page).toHaveURL(/[?&]account=treasury\b/);
  const section = page.getByRole("region", { name: /Operating/ });
  await expect(section).toHaveAttribute("aria-busy", "true");
  await expect(page.getByTitle("12345678.91 USD")).toBeVisible(); // the old table, still there
  await expect(page.locator(".opacity-50").getByRole("table")).toBeVisible();
  release();

  await expect(page.getByRole("heading", { name: /Treasury Reserve/ })).toBeVisible();
  await expect(figure(page, "5000000.00 USD").first()).toHaveText("5,000,000.00");
  await expect(page.getByTitle("12345678.91 USD")).toHaveCount(0);
  await expectTableMatches(page, await apiBalances(request, "treasury"), BASE_COLUMNS);
});

test("the address keeps account and pending across reload and back", async ({ page }) => {
  await page.goto("/");
  await accountSelect(page).selectOption("payroll");
  await expect(page).toHaveURL(/account=payroll/);
  await pendingSwitch(page).click();
  await expect(page).toHaveURL(/account=payroll.*pending=1|pending=1.*account=payroll/);
  await expect(page.getByRole("columnheader", { name: "Pending withdrawal" })).toBeVisible();

  await page.reload();
  await hydrated(page);
  await expect(accountSelect(page)).toHaveValue("payroll");
  await expect(pendingSwitch(page)).toHaveAttribute("aria-checked", "true");
  await expect(figure(page, "312450.88 USD")).toHaveText("312,450.88");

  await page.goBack();
  await expect(page).not.toHaveURL(/pending=1/);
  await expect(pendingSwitch(page)).toHaveAttribute("aria-checked", "false");
  await expect(page.getByRole("columnheader", { name: "Pending withdrawal" })).toHaveCount(0);
  await expect(accountSelect(page)).toHaveValue("payroll");

  await hydrated(page); // the previous step may have been a full page load
  await page.goBack();
  await expect(accountSelect(page)).toHaveValue("primary");
  await expect(page.getByRole("heading", { name: /Operating/ })).toBeVisible();
});

test("an answer older than the one on screen is dropped, a newer one is shown", async ({ page }) => {
  await page.goto("/?account=primary");
  await expect(page.getByTitle("12345678.91 USD")).toBeVisible();

  let timestamp = "1000000000000000000"; // 2001: older than anything the exchange sends today
  await page.route("**/api/balances?*", async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as ApiBalances;
    body.timestamp = timestamp;
    body.balances = body.balances.map((balance) => (balance.currency === "USD" ? { ...balance, amount: "1.00" } : balance));
    await route.fulfill({ response, json: body });
  });

  const older = page.waitForResponse("**/api/balances?*");
  await page.getByRole("button", { name: "Refresh" }).click();
  await older;
  await expect(page.getByRole("button", { name: "Refresh" })).not.toHaveAttribute("aria-busy", "true");
  await expect(page.getByTitle("12345678.91 USD")).toBeVisible();
  await expect(page.getByTitle("1.00 USD")).toHaveCount(0);

  // The same change with a newer timestamp is shown: the check above can fail.
  timestamp = "9999999999999999999";
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(figure(page, "1.00 USD")).toHaveText("1.00");
});

test("sorting by a column, both ways", async ({ page }) => {
  await page.goto("/?account=primary");
  const firstCurrency = () => page.locator("tbody tr th span:first-child").first();
  await expect(firstCurrency()).toHaveText("BTC");
  await page.getByRole("button", { name: /^Amount/ }).click();
  await expect(page.getByRole("columnheader", { name: /^Amount/ })).toHaveAttribute("aria-sort", "descending");
  await expect(firstCurrency()).toHaveText("USD"); // 12,345,678.91 is the largest number
  await page.getByRole("button", { name: /^Amount/ }).click();
  await expect(page.getByRole("columnheader", { name: /^Amount/ })).toHaveAttribute("aria-sort", "ascending");
  await expect(firstCurrency()).toHaveText("BTC"); // 42.12...
  await page.getByRole("button", { name: /^Currency/ }).click();
  await expect(page.getByRole("columnheader", { name: /^Currency/ })).toHaveAttribute("aria-sort", "ascending");
});

test("zero balances are hidden by default and counted", async ({ page }) => {
  await page.goto("/?account=treasury");
  await expect(page.getByTestId("hidden-count")).toHaveText("1 zero balance hidden");
  await expect(page.getByRole("rowheader", { name: /^LINK/ })).toHaveCount(0);
  await page.getByRole("switch", { name: "Hide zero balances" }).click();
  await expect(page.getByRole("rowheader", { name: /^LINK Chainlink/ })).toBeVisible();
  await expect(page.getByTestId("hidden-count")).toHaveCount(0);
});

test("copying a figure takes its exact value; focus shows it", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: UI_APP });
  await page.goto("/?account=primary");
  const btc = page.getByTitle("42.1234567890123456789 BTC");
  await btc.focus();
  await expect(btc.getByRole("tooltip")).toHaveText("42.1234567890123456789 BTC");
  await page.keyboard.press("Control+C");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("42.1234567890123456789");

  // A selection inside one figure copies its exact value too.
  await page.getByTitle("12345678.91 USD").locator("data").selectText();
  await page.keyboard.press("Control+C");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe("12345678.91");
});

test("the dashboard works from the keyboard, with visible focus", async ({ page }) => {
  await page.goto("/");
  await accountSelect(page).focus();
  await page.keyboard.press("ArrowDown"); // next option: Treasury Reserve
  await expect(page).toHaveURL(/account=treasury/);
  await page.keyboard.press("Tab");
  await expect(pendingSwitch(page)).toBeFocused();
  const outline = await pendingSwitch(page).evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).not.toBe("none");
  await page.keyboard.press("Space");
  await expect(pendingSwitch(page)).toHaveAttribute("aria-checked", "true");
  await expect(page.getByRole("columnheader", { name: "Pending deposit" })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Refresh" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("freshness")).toContainText("Updated");
});

test("the updated line ticks", async ({ page }) => {
  await page.goto("/");
  const freshness = page.getByTestId("freshness");
  await expect(freshness).toHaveText(/^Updated \d+ s ago$/);
  const first = await freshness.textContent();
  await expect(freshness).not.toHaveText(first ?? "");
  await expect(freshness).toHaveText(/^Updated \d+ s ago$/);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`no serious or critical accessibility violations (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto("/?account=primary&pending=1");
    await expect(page.getByRole("columnheader", { name: "Pending deposit" })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
    expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(" ")}`)).toEqual([]);
  });
}

test("balances refresh on their own at the configured interval", async ({ page }) => {
  await page.goto("/?account=primary");
  await expect(page.getByRole("table")).toBeVisible();
  // The UI pair runs with REFRESH_INTERVAL_MS=5000; no click, no focus change.
  const polled = await page.waitForRequest((request) => request.url().includes("/api/balances?account=primary"), {
    timeout: 20_000,
  });
  expect(polled.url()).toContain("pending=false");
});

test("an unknown address answers 404 with a way back, and its scripts pass the CSP", async ({ page }) => {
  const violations = collectCspViolations(page);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  // Next sets window.next only once its scripts have run: a prerendered page without the nonce never gets there.
  await expect.poll(() => page.evaluate(() => "next" in window)).toBe(true);
  expect(violations).toEqual([]);
  await page.getByRole("link", { name: "Back to balances" }).click();
  await expect(table(page)).toBeVisible();
});
