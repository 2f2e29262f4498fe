/**
 * A user limited to two accounts (the ROLES app, testkit/sign-in.ts) in Chromium: the account
 * selector and the all-accounts overview hold their accounts only, the group total is theirs,
 * no link leads to a page they would be refused; axe in light and dark.
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import Big from "big.js";
import type { OverviewResponse } from "../lib/treasury/types";
import { ROLES } from "../testkit/e2e-servers";
import { fillAndSubmit, ROLE_USERS } from "../testkit/sign-in";

test.use({ baseURL: ROLES.app });

const OTHER_NAMES = /Operating|Legacy OTC Desk|Cold Storage|\bprimary\b|legacy-otc|cold-storage/;

async function signInScoped(page: Page): Promise<void> {
  await page.goto("/login");
  await fillAndSubmit(page, ROLE_USERS.scopedViewer.username, ROLE_USERS.scopedViewer.password);
  await expect(page.getByTestId("signed-in-user")).toHaveText(ROLE_USERS.scopedViewer.username);
}

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test("the account selector lists only the user's accounts, and the header no whole-group page", async ({ page }) => {
  await signInScoped(page);
  const select = page.getByRole("combobox", { name: "Account" });
  await expect(select).toBeVisible();
  const options = await select.locator("option").allTextContents();
  expect(options.join(" | ")).toMatch(/Treasury Reserve/);
  expect(options.join(" | ")).toMatch(/Payroll/);
  expect(options.join(" | ")).not.toMatch(OTHER_NAMES);
  expect(options).toHaveLength(2);
  await expect(page.getByRole("table").first()).toBeVisible();
  expect(await page.locator("body").innerText()).not.toMatch(OTHER_NAMES);
  await expect(page.getByRole("link", { name: "Alerts" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Audit" })).toHaveCount(0);
});

test("the overview shows their accounts and their total, nothing of the others", async ({ page }) => {
  await signInScoped(page);
  await page.goto("/overview");
  await expect(page.getByTestId("overview-progress")).toHaveCount(0, { timeout: 20_000 });
  const accounts = page.getByRole("table", { name: /Value of each open exchange account/ });
  await expect(accounts.locator("tbody tr")).toHaveCount(2);
  await expect(accounts.locator('tr[data-account="treasury"]')).toContainText("Treasury Reserve");
  await expect(accounts.locator('tr[data-account="payroll"]')).toContainText("Payroll");
  const api = (await (await page.request.get("/api/overview")).json()) as OverviewResponse;
  const total = page.getByTestId("portfolio-total");
  await expect(total).toHaveAttribute("data-exact", /\d/);
  expect(new Big((await total.getAttribute("data-exact"))!).eq(api.total)).toBe(true);
  expect(await page.locator("body").innerText()).not.toMatch(OTHER_NAMES);
});

for (const scheme of ["light", "dark"] as const) {
  test(`no serious accessibility violations for a scoped user on the dashboard and the overview (${scheme})`, async ({ page }) => {
    test.slow();
    await page.emulateMedia({ colorScheme: scheme });
    await signInScoped(page);
    await expect(page.getByRole("table").first()).toBeVisible();
    await expectAxeClean(page);
    await page.goto("/overview");
    await expect(page.getByTestId("overview-progress")).toHaveCount(0, { timeout: 20_000 });
    await expectAxeClean(page);
  });
}
