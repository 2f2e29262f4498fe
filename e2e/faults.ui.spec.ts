/**
 * Every upstream fault the demo exchange can play, seen in Chromium: a plain-words message for
 * its error code, and the last good balances still on screen, marked stale. (The API half of
 * these faults, status and code over HTTP, is in the API specs.)
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { errorAdvice } from "../lib/api/errors";
import { uiExchange, UI_APP } from "../testkit/dashboard";

test.use({ baseURL: UI_APP });

/** Fault kind -> the code the dashboard's API answers with (Gemini's reason, or the fallback code). */
const FAULT_CODES: ReadonlyArray<readonly [string, string]> = [
  ["invalid-signature", "InvalidSignature"],
  ["invalid-nonce", "InvalidNonce"],
  ["missing-role", "MissingRole"],
  ["missing-accounts", "MissingAccounts"],
  ["invalid-account-name", "InvalidAccountName"],
  ["invalid-api-key", "InvalidApiKey"],
  ["ip-filtering", "ApiKeyIpFilteringFailure"],
  ["rate-limit", "RateLimit"],
  ["rate-limit-no-retry-after", "RateLimit"],
  ["html-500", "upstream_error"],
  ["bad-gateway", "upstream_error"],
  ["maintenance", "Maintenance"],
  ["hang", "upstream_timeout"],
  ["connection-refused", "upstream_unreachable"],
  ["truncated-json", "upstream_invalid_response"],
  ["malformed-json", "upstream_invalid_response"],
  ["invalid-shape", "upstream_invalid_response"],
  ["not-found-empty", "upstream_not_found"],
];

/** The server may retry transient faults inside its own budget (at most 15 s) before answering. */
const SERVER_BUDGET_MS = 20_000;

/** The error banner (Next's route announcer is another role="alert" on the page). */
const banner = (page: Page) => page.locator('[role="alert"][data-error-code]');
const refresh = (page: Page) => page.getByRole("button", { name: "Refresh" }).click();
const usdAmount = (page: Page) => page.getByTitle("12345678.91 USD", { exact: true }).locator("data");

test.beforeEach(async () => {
  await uiExchange.clearFaults();
});

test.afterAll(async () => {
  await uiExchange.clearFaults();
});

for (const [kind, code] of FAULT_CODES) {
  test(`${kind}: says what happened and keeps the last good balances, marked stale`, async ({ page }) => {
    test.setTimeout(3 * SERVER_BUDGET_MS);
    await page.goto("/?account=primary");
    await expect(usdAmount(page)).toHaveText("12,345,678.91");

    await uiExchange.injectFault({ kind, path: "/v1/balances" });
    const answer = page.waitForResponse((response) => response.url().includes("/api/balances"), { timeout: SERVER_BUDGET_MS });
    await refresh(page);
    const body = (await (await answer).json()) as { error?: { code: string } };
    expect(body.error?.code).toBe(code);

    const alert = banner(page);
    await expect(alert).toHaveAttribute("data-error-code", code);
    const advice = errorAdvice(code, "demo");
    await expect(alert).toContainText(advice.title);
    await expect(alert).toContainText(advice.action);
    await expect(alert).toContainText("last good ones");
    await expect(page.getByTestId("freshness")).toContainText(/Stale.*updated \d+ s ago/);
    await expect(usdAmount(page)).toHaveText("12,345,678.91");
    await expect(page.getByRole("table")).toBeVisible();
    if (kind === "maintenance") {
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
      expect(serious.map((violation) => violation.id)).toEqual([]); // the banner and stale colours read well too
    }

    await uiExchange.clearFaults();
    await refresh(page);
    await expect(alert).toHaveCount(0, { timeout: SERVER_BUDGET_MS });
    await expect(page.getByTestId("freshness")).toHaveText(/^Updated \d+ s ago$/);
  });
}

test("every code a fault produces has its own message, not the generic one", () => {
  const generic = errorAdvice("no_such_code", "demo");
  for (const [, code] of FAULT_CODES) expect(errorAdvice(code, "demo"), code).not.toEqual(generic);
});

test("a page opened during a fault says what is wrong instead of showing a spinner", async ({ page, request }) => {
  await uiExchange.injectFault({ kind: "maintenance", path: "/v1/balances" });
  const response = await request.get("/?account=treasury");
  const html = await response.text();
  expect(html).toContain("Gemini is down for maintenance.");
  expect(html).not.toContain("Loading balances");

  await page.goto("/?account=treasury");
  await expect(banner(page)).toContainText("Gemini is down for maintenance.");
  await uiExchange.clearFaults();
  await refresh(page);
  await expect(banner(page)).toHaveCount(0, { timeout: SERVER_BUDGET_MS });
  await expect(page.getByTitle("5000000.00 USD").first()).toBeVisible();
});

test("a custody account is explained, not shown as empty", async ({ page }) => {
  await page.goto("/?account=cold-storage");
  await expect(banner(page)).toContainText("This is a custody account");
  await expect(page.getByRole("table")).toHaveCount(0);
});
