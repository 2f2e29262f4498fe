/**
 * Managing alert rules on /alerts in Chromium: the demo's seeded history makes one of its rules
 * fire at once; a rule is added (a bad threshold refused first, naming the field), fires after a
 * snapshot, is edited, paused, resumed and deleted; axe in light and dark; 360 px wide.
 * This file starts its own exchange and app (the app's embedded store in a fresh DATA_DIR).
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import type { AlertRulesResponse } from "../lib/alerts/types";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";

/** PGlite's first initdb plus the demo's 90 seeded days, on two shared cores. */
const WARM_UP_MS = 240_000;

async function warmStore(url: string): Promise<void> {
  const deadline = Date.now() + WARM_UP_MS;
  for (;;) {
    const response = await fetch(`${url}/api/alerts/rules`, { signal: AbortSignal.timeout(WARM_UP_MS) }).catch(() => null);
    if (response?.ok) return;
    if (Date.now() > deadline) throw new Error(`the store did not open: ${response?.status} ${await response?.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

const test = base.extend<object, { app: Running }>({
  app: [
    async ({}, use) => {
      const exchange = await startExchange(["--no-drift"]);
      const app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, DEMO_HISTORY: "on", BALANCES_CACHE_TTL_MS: "0" } });
      await warmStore(app.url);
      await use(app);
      await stopAll([app, exchange]);
    },
    { scope: "worker", timeout: WARM_UP_MS + 60_000 },
  ],
  baseURL: async ({ app }, use) => use(app.url),
});

test.describe.configure({ mode: "serial" });

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

const rules = (page: Page) => page.getByTestId("alert-rules");
const ruleItem = (page: Page, name: string) => rules(page).locator("li").filter({ has: page.getByRole("heading", { name, exact: true }) });

test("the demo's history makes one of its rules fire, and /alerts says so; the header links to it", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Site" }).getByRole("link", { name: "Alerts" }).click();
  await expect(page).toHaveURL(/\/alerts$/);
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
  const payroll = ruleItem(page, "Large payroll withdrawal");
  await expect(payroll).toHaveAttribute("data-state", "firing");
  await expect(payroll).toContainText(/Firing since \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await expect(payroll).toContainText("When a USD withdrawal above 250000.00 is pending in payroll.");
  await expect(ruleItem(page, "Group USD below 10 million")).toHaveAttribute("data-state", "ok");
  const fired = page.getByTestId("alert-events").locator("li[data-kind=fired]");
  await expect(fired).toHaveCount(1);
  await expect(fired).toContainText("A USD withdrawal of 312450.88 is pending in payroll, above 250000.00.");
});

test("add a rule (a bad threshold is refused naming the field), see it fire after a snapshot, edit, pause, resume and delete it", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto("/alerts");
  await page.getByRole("button", { name: "Add rule" }).click();
  const form = page.getByRole("form", { name: "Add rule" });
  await form.getByLabel("Name").fill("Primary USD floor");
  await form.getByLabel("Rule kind").selectOption("balance");
  await form.getByLabel("Account").fill("primary");
  await form.getByLabel("Currency").fill("USD");
  await form.getByLabel("Fires when").selectOption("below");
  await form.getByLabel("Threshold").fill("1e7");
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form.getByRole("alert")).toContainText("params.threshold: a threshold is plain decimal text");
  await expect(form.getByRole("alert")).toHaveAttribute("data-error-code", "alert_rule_invalid");

  // One cent above the demo's primary USD (12345678.91, which --no-drift keeps): below it.
  await form.getByLabel("Threshold").fill("12345678.92");
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form).toBeHidden();
  const item = ruleItem(page, "Primary USD floor");
  await expect(item).toHaveAttribute("data-state", "ok");
  await expect(item).toContainText("When USD in primary is below 12345678.92.");
  await expect(page.getByRole("status").filter({ hasText: "Rule “Primary USD floor” added." })).toBeAttached();

  expect((await page.request.post("/api/snapshots")).status()).toBe(201);
  await page.reload();
  await expect(item).toHaveAttribute("data-state", "firing");
  await expect(page.getByTestId("alert-events").locator("li").first()).toContainText("USD in primary fell below 12345678.92 (now 12345678.91).");

  await item.getByRole("button", { name: "Edit Primary USD floor" }).click();
  const edit = page.getByRole("form", { name: "Save rule" });
  await expect(edit.getByLabel("Threshold")).toHaveValue("12345678.92");
  await edit.getByLabel("Threshold").fill("12345678.91");
  await edit.getByRole("button", { name: "Save rule" }).click();
  await expect(item).toContainText("When USD in primary is below 12345678.91.");

  await item.getByRole("button", { name: "Pause Primary USD floor" }).click();
  await expect(item).toHaveAttribute("data-paused", "true");
  await expect(item).toContainText("Paused");
  await item.getByRole("button", { name: "Resume Primary USD floor" }).click();
  await expect(item).toHaveAttribute("data-paused", "false");

  await item.getByRole("button", { name: "Delete Primary USD floor" }).click();
  await item.getByRole("button", { name: "Delete rule" }).click();
  await expect(item).toHaveCount(0);
  const listed = (await (await page.request.get("/api/alerts/rules")).json()) as AlertRulesResponse;
  expect(listed.rules.map((rule) => rule.name)).not.toContain("Primary USD floor");
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`no serious or critical axe violations, the form open (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto("/alerts");
    await expect(ruleItem(page, "Large payroll withdrawal")).toBeVisible();
    await expect(page.getByTestId("alert-events")).toBeVisible();
    await expectAxeClean(page);
    await page.getByRole("button", { name: "Add rule" }).click();
    await page.getByRole("form", { name: "Add rule" }).getByLabel("Rule kind").selectOption("key_roles");
    await expectAxeClean(page);
    await ruleItem(page, "Large payroll withdrawal").getByRole("button", { name: "Delete Large payroll withdrawal" }).click();
    await expectAxeClean(page);
  });
}

test("nothing scrolls sideways at 360 px", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 780 });
  await page.goto("/alerts");
  await expect(ruleItem(page, "Large payroll withdrawal")).toBeVisible();
  await page.getByRole("button", { name: "Add rule" }).click();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});
