/** The dashboard with an account-scoped key (as a live deployment would have): no account selector. */
import { expect, test } from "@playwright/test";
import { UI_ACCOUNT_KEY } from "../testkit/e2e-servers";
import { signIn } from "../testkit/sign-in";

test.use({ baseURL: UI_ACCOUNT_KEY.app });

// Live mode: sign in first, through the login page.
test.beforeEach(async ({ page }) => signIn(page));

test("an account key shows its one account's balances, without a selector or demo badge", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("table")).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Account" })).toHaveCount(0);
  await expect(page.getByText("This API key reads the one account it belongs to.")).toBeVisible();
  await expect(page.getByText("Demo data")).toHaveCount(0); // configured as live Gemini
  // The key is bound to the demo's "primary" account.
  await expect(page.getByTitle("12345678.91 USD", { exact: true }).locator("data")).toHaveText("12,345,678.91");
  const pending = page.waitForRequest((request) => request.url().includes("/api/balances?pending=true"));
  await page.getByRole("switch", { name: "Show pending balances" }).click();
  await pending;
  await expect(page.getByRole("columnheader", { name: "Pending deposit" })).toBeVisible();
});

test("an account key refuses ?account= and says why", async ({ page }) => {
  await page.goto("/?account=treasury");
  await expect(page.locator('[role="alert"][data-error-code="account_not_allowed"]')).toContainText(
    "This API key belongs to a single account.",
  );
});
