import { expect, test } from "@playwright/test";
import { NO_ROLES_KEY, TRADER_KEY, TREASURY } from "../testkit/e2e-servers";

const WARNING = /This API key can trade/;

test.describe("a key that can trade", () => {
  test.use({ baseURL: TRADER_KEY.app });

  test("warns, explains how to make an Auditor key, and stays dismissed for the session only", async ({ page, browser }) => {
    await page.goto("/");
    const warning = page.getByRole("region", { name: WARNING });
    await expect(warning).toBeVisible();
    await expect(warning).toContainText("Trader role");
    await expect(warning).toContainText("Auditor");
    await expect(warning).toContainText("GEMINI_API_KEY");

    await page.reload();
    await expect(warning).toBeVisible(); // persistent until dismissed

    await warning.getByRole("button", { name: "Dismiss for this session" }).click();
    await expect(warning).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("table").first()).toBeVisible();
    await expect(page.getByRole("region", { name: WARNING })).toHaveCount(0);

    // A new session (a fresh browser context has its own sessionStorage) is warned again.
    const fresh = await browser.newContext({ baseURL: TRADER_KEY.app });
    const again = await fresh.newPage();
    await again.goto("/");
    await expect(again.getByRole("region", { name: WARNING })).toBeVisible();
    await fresh.close();
  });
});

test.describe("a key without balance roles", () => {
  test.use({ baseURL: NO_ROLES_KEY.app });

  test("says the key lacks the roles, not a generic error", async ({ page }) => {
    await page.goto("/");
    const alert = page.getByRole("alert").filter({ hasText: "This API key has none of the roles that can read balances." });
    await expect(alert).toBeVisible();
    await expect(alert).toContainText("Auditor");
    await expect(page.getByRole("button", { name: "Dismiss for this session" })).toHaveCount(0);
    // The balances error names the missing role too (Gemini's 403 MissingRole, not a 500).
    await expect(page.getByText("The API key is not allowed to read balances.").first()).toBeVisible();
    const balances = await page.request.get("/api/balances?account=primary");
    expect(balances.status()).toBe(403);
    expect(((await balances.json()) as { error: { code: string } }).error.code).toBe("MissingRole");
  });
});

test.describe("an Auditor key", () => {
  test.use({ baseURL: TREASURY.app });

  test("shows no warning", async ({ page }) => {
    await page.goto("/?account=primary");
    await expect(page.getByRole("columnheader", { name: /Value \(USD\)/ })).toBeVisible();
    await expect(page.getByRole("region", { name: WARNING })).toHaveCount(0);
    await expect(page.getByText("none of the roles")).toHaveCount(0);
  });
});
