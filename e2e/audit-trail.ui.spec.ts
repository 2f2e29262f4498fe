/**
 * /audit in Chromium: an auditor finds it in the header, filters the trail with the page's GET
 * form (the address holds the filters, and the CSV link follows them), verifies the chain; a
 * viewer has no link and gets the 403 page; axe in light and dark. The file starts its own app.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { fillAndSubmit, signIn, signInEnv, TEST_USER, THROTTLED_USER } from "../testkit/sign-in";

/** treasurer is an auditor; the user named "auditor" is a viewer. */
const ROLES = `${TEST_USER.username}:auditor,${THROTTLED_USER.username}:viewer`;

const test = base.extend<object, { auditApp: Running }>({
  auditApp: [
    async ({}, use) => {
      const exchange = await startExchange(["--no-drift"]);
      const app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, ...signInEnv, DASHBOARD_ROLES: ROLES } });
      await use(app);
      await stopAll([app, exchange]);
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ auditApp }, use) => use(auditApp.url),
});

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

const events = (page: Page) => page.getByTestId("audit-events").locator("tbody tr");

test("an auditor opens /audit from the header and sees their own sign-in", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Audit" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  const login = events(page).filter({ has: page.locator('td:text-is("login")') }).first();
  await expect(login).toContainText(TEST_USER.username);
  await expect(login).toHaveAttribute("data-outcome", "ok");
});

test("the filters are a GET form: the address holds them, the rows and the CSV link follow", async ({ page }) => {
  await signIn(page);
  await page.goto("/audit");
  await page.getByLabel("Event", { exact: true }).selectOption("login");
  await page.getByLabel("User", { exact: true }).fill(TEST_USER.username);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/[?&]event=login/);
  expect(new URL(page.url()).searchParams.get("user")).toBe(TEST_USER.username);
  await expect(events(page).first()).toBeVisible();
  for (const event of await events(page).all()) await expect(event).toHaveAttribute("data-event", "login");
  const csv = new URL((await page.getByRole("link", { name: "Download CSV" }).getAttribute("href"))!, page.url());
  expect(csv.pathname).toBe("/api/audit.csv");
  expect(Object.fromEntries(csv.searchParams)).toEqual({ user: TEST_USER.username, event: "login" });
  // A time range with no event in it: the page says so.
  await page.getByLabel("From (UTC)").fill("2020-01-01T00:00");
  await page.getByLabel("To (UTC)").fill("2020-01-02T00:00");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No event matches these filters.")).toBeVisible();
  expect(new URL(page.url()).searchParams.get("from")).toBe("2020-01-01T00:00");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/audit$/);
});

test("Verify chain says the chain holds, with the row count", async ({ page }) => {
  await signIn(page);
  await page.goto("/audit");
  await page.getByRole("button", { name: "Verify chain" }).click();
  const verdict = page.getByTestId("verify-result");
  await expect(verdict).toHaveAttribute("data-ok", "true");
  await expect(verdict).toContainText(/Chain verified: \d+ rows?, none edited, deleted or reordered\./);
});

test("a viewer has no Audit link, and /audit is the 403 page", async ({ page }) => {
  await page.goto("/login");
  await fillAndSubmit(page, THROTTLED_USER.username, THROTTLED_USER.password);
  await expect(page.getByTestId("signed-in-user")).toHaveText(THROTTLED_USER.username);
  await expect(page.getByRole("link", { name: "Audit" })).toHaveCount(0);
  const response = await page.goto("/audit");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Your role does not allow this page" })).toBeVisible();
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`no serious or critical axe violations on /audit (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await signIn(page);
    await page.goto("/audit?event=login");
    await expect(events(page).first()).toBeVisible();
    await page.getByRole("button", { name: "Verify chain" }).click();
    await expect(page.getByTestId("verify-result")).toBeVisible();
    await expectAxeClean(page);
  });
}
