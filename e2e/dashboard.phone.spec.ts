/** The dashboard at 360 px, the narrowest phone it supports. */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { UI_APP } from "../testkit/dashboard";

test.use({ baseURL: UI_APP });

test("at 360 px nothing is cut off: the table scrolls sideways to every column", async ({ page }) => {
  await page.goto("/?account=primary&pending=1");
  await expect(page.getByRole("table")).toBeVisible();
  // The page itself does not scroll sideways; only the table does.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  for (const header of ["Currency", "Amount", "Available", "Available for withdrawal", "Pending deposit", "Pending withdrawal"]) {
    const column = page.getByRole("columnheader", { name: header, exact: true });
    await column.scrollIntoViewIfNeeded();
    await expect(column).toBeInViewport();
  }
  const lastFigure = page.getByTitle("1.5 BTC");
  await lastFigure.scrollIntoViewIfNeeded();
  await expect(lastFigure).toBeInViewport();
  await expect(page.getByRole("combobox", { name: "Account" })).toBeInViewport();
  await expect(page.getByRole("button", { name: "Refresh" })).toBeInViewport();
});

test("phone: no serious or critical accessibility violations", async ({ page }) => {
  await page.goto("/?account=primary");
  await expect(page.getByRole("table")).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => violation.id)).toEqual([]);
});
