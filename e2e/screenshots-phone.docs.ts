/** The README's phone picture, taken only by `npm run docs:screenshots` (see screenshots.docs.ts). */
import { expect, test } from "@playwright/test";
import { UI_APP } from "../testkit/dashboard";

test.use({ baseURL: UI_APP });

test("docs/dashboard-phone.png", async ({ page }) => {
  await page.clock.setFixedTime(new Date("2026-01-01T09:00:00Z")); // "Updated 0 s ago": a stable picture
  await page.goto("/?account=primary");
  await expect(page.getByRole("table")).toBeVisible();
  await page.screenshot({ path: "docs/dashboard-phone.png", fullPage: true });
});
