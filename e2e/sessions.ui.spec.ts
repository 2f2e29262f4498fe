/**
 * /sessions in Chromium: an admin finds it in the header, sees another user's session and ends it
 * (that browser is then signed out); a viewer has no link and gets the 403 page; "Sign out
 * everywhere" ends the user's other browsers too; axe in light and dark. The file starts its own app.
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { fillAndSubmit, signIn, signInEnv, TEST_USER, THROTTLED_USER } from "../testkit/sign-in";

/** treasurer is an admin; the user named "auditor" is a viewer. */
const ROLES = `${TEST_USER.username}:admin,${THROTTLED_USER.username}:viewer`;

const test = base.extend<object, { sessionsApp: Running }>({
  sessionsApp: [
    async ({}, use) => {
      const exchange = await startExchange(["--no-drift"]);
      const app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, ...signInEnv, DASHBOARD_ROLES: ROLES } });
      await use(app);
      await stopAll([app, exchange]);
    },
    { scope: "worker", timeout: 120_000 },
  ],
  baseURL: async ({ sessionsApp }, use) => use(sessionsApp.url),
});

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The viewer signed in in a browser of their own. */
async function viewerPage(browser: Browser, baseURL: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL })).newPage();
  await page.goto("/login");
  await fillAndSubmit(page, THROTTLED_USER.username, THROTTLED_USER.password);
  await expect(page.getByTestId("signed-in-user")).toHaveText(THROTTLED_USER.username);
  return page;
}

test("an admin opens /sessions from the header and ends a viewer's session: the viewer's next load asks them to sign in", async ({ page, browser, sessionsApp }) => {
  const viewer = await viewerPage(browser, sessionsApp.url);
  await signIn(page);
  await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Sessions" }).click();
  await expect(page).toHaveURL(/\/sessions$/);
  await expect(page.getByRole("heading", { name: "Sessions" })).toBeVisible();
  const row = page.getByTestId("sessions").locator(`tr[data-user="${THROTTLED_USER.username}"]`).first();
  await expect(row).toContainText("Password");
  await row.getByRole("button", { name: /^End session/ }).click();
  await expect(page.getByTestId("sessions").locator(`tr[data-user="${THROTTLED_USER.username}"]`)).toHaveCount(0);
  await viewer.reload();
  await expect(viewer).toHaveURL(/\/login/);
  await viewer.context().close();
});

test("a viewer has no Sessions link, and /sessions is the 403 page", async ({ browser, sessionsApp }) => {
  const viewer = await viewerPage(browser, sessionsApp.url);
  await expect(viewer.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Sessions" })).toHaveCount(0);
  const response = await viewer.goto("/sessions");
  expect(response?.status()).toBe(403);
  await viewer.context().close();
});

test("Sign out everywhere ends this browser's session and the user's others", async ({ page, browser, sessionsApp }) => {
  const other = await (await browser.newContext({ baseURL: sessionsApp.url })).newPage();
  await signIn(other);
  await signIn(page);
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/login/);
  await other.reload();
  await expect(other).toHaveURL(/\/login/);
  await other.context().close();
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`no serious or critical axe violations on /sessions (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await signIn(page);
    await page.goto("/sessions");
    await expect(page.getByTestId("sessions")).toBeVisible();
    await expectAxeClean(page);
  });
}
