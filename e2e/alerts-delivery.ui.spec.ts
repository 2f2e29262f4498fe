/**
 * Alert delivery in Chromium, on the production build in demo mode: the built-in demo receiver is
 * there from the start, "Send test event" reaches it (signature verified) and the delivery log says
 * so; a webhook added in the form reaches a real receiver in this test process that checks the
 * signature as the README's snippet does, and a rule added in the form fires to it at the next
 * snapshot; a metadata address is refused when saved; a delivery to a receiver that is down reads
 * as Retrying with its next try, then Delivered; axe light and dark.
 * The app has a DATA_DIR of its own and ALERTS_ALLOW_PRIVATE=true (the receiver is on loopback).
 */
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import type { DeliveriesResponse, DestinationsResponse } from "../lib/alerts/delivery/types";
import type { AlertRulesResponse } from "../lib/alerts/types";
import { utcDateTime } from "../lib/history/time";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { startReceiver, type WebhookReceiver } from "../testkit/webhook-receiver";

const SECRET = "e2e-signing-secret-0123456789abcdef";
/** PGlite's first initdb on two shared cores. */
const WARM_UP_MS = 240_000;

interface Fixtures {
  app: Running;
  receiver: WebhookReceiver;
}

const test = base.extend<object, Fixtures>({
  app: [
    async ({}, use) => {
      const exchange = await startExchange(["--no-drift"]);
      const app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, ALERTS_ALLOW_PRIVATE: "true" } });
      // The store opens on first use: once here, not inside a test's budget.
      const deadline = Date.now() + WARM_UP_MS;
      while (!(await fetch(`${app.url}/api/alerts/destinations`).then((response) => response.ok, () => false))) {
        if (Date.now() > deadline) throw new Error(`the store did not open:\n${app.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      await use(app);
      await stopAll([app, exchange]);
    },
    { scope: "worker", timeout: WARM_UP_MS + 60_000 },
  ],
  receiver: [
    async ({}, use) => {
      const receiver = await startReceiver({ secret: SECRET });
      await use(receiver);
      await receiver.close();
    },
    { scope: "worker" },
  ],
});


async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

test.describe.configure({ mode: "serial" });

test("the demo receiver is a destination from the start, and a test event reaches it, verified", async ({ page, app }) => {
  await page.goto(`${app.url}/alerts`);
  await expect(page.getByRole("heading", { name: "Alerts", level: 1 })).toBeVisible();
  const builtin = page.getByTestId("destinations").getByRole("row", { name: /Built-in demo receiver/ });
  await expect(builtin).toContainText("This server (demo receiver)");
  await expect(builtin.getByRole("switch", { name: /Deliver to Built-in demo receiver/ })).toHaveAttribute("aria-checked", "true");

  await builtin.getByRole("button", { name: "Send test event to Built-in demo receiver" }).click();
  const logged = page.getByTestId("delivery-log").locator('tr[data-status="delivered"]').filter({ hasText: "Built-in demo receiver" });
  await expect(logged).toHaveCount(1, { timeout: 20_000 });
  await expect(logged).toContainText("Test event");
  await expect(logged).toContainText("Delivered");

  const receipt = page.getByTestId("demo-receipts").locator("li").first();
  await expect(receipt).toContainText("Signature verified", { timeout: 20_000 });
  await expect(receipt).toContainText('"type": "alert.test"');
  expect(await receipt.getAttribute("data-event-id")).toBe(await logged.getAttribute("data-event-id"));
});

test("a webhook added in the form gets a signed test event; a metadata address is refused when saved", async ({ page, app, receiver }) => {
  await page.goto(`${app.url}/alerts`);
  const form = page.getByRole("form", { name: "Add a destination" });

  await form.getByLabel("Name").fill("Metadata");
  await form.getByLabel("URL").fill("https://169.254.169.254/latest/meta-data");
  await form.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByTestId("destination-form-status")).toContainText("169.254.169.254 is a link-local address");

  await form.getByLabel("Name").fill("Ops receiver");
  await form.getByLabel("URL").fill(receiver.url);
  await form.getByLabel(/Signing secret/).fill(SECRET);
  await form.getByRole("button", { name: "Add destination" }).click();
  await expect(page.getByTestId("new-secret")).toHaveText(SECRET);
  await page.getByRole("button", { name: "I have copied it" }).click();

  const row = page.getByTestId("destinations").getByRole("row", { name: /Ops receiver/ });
  // The URL is shown cut after its first segment: a token in it is never put on screen.
  await expect(row).toContainText(`http://127.0.0.1:${receiver.port}/hook`);
  await row.getByRole("button", { name: "Send test event to Ops receiver" }).click();
  await expect(page.getByTestId("delivery-log").locator('tr[data-status="delivered"]').filter({ hasText: "Ops receiver" })).toHaveCount(1, { timeout: 20_000 });
  expect(receiver.received).toHaveLength(1);
  expect(receiver.received[0]).toMatchObject({ signatureOk: true, attempt: "1" });
  expect(JSON.parse(receiver.received[0]!.body)).toMatchObject({ type: "alert.test", rule: { id: null, name: "Test event" } });

  // The API never gives the secret again.
  const listed = (await (await page.request.get(`${app.url}/api/alerts/destinations`)).json()) as DestinationsResponse;
  expect(JSON.stringify(listed)).not.toContain(SECRET);
});

test("a refused delivery shows in the log as given up, with the receiver's answer", async ({ page, app, receiver }) => {
  receiver.answerWith({ status: 410, body: "gone for good" });
  await page.goto(`${app.url}/alerts`);
  const row = page.getByTestId("destinations").getByRole("row", { name: /Ops receiver/ });
  await row.getByRole("button", { name: "Send test event to Ops receiver" }).click();
  const gaveUp = page.getByTestId("delivery-log").locator('tr[data-status="gave_up"]');
  await expect(gaveUp).toHaveCount(1, { timeout: 20_000 });
  await expect(gaveUp).toContainText("Gave up");
  await expect(gaveUp).toContainText("gone for good");
  await gaveUp.getByText("1 attempt").click();
  await expect(gaveUp.locator('li[data-outcome="gave_up"]')).toContainText("HTTP 410");
});

test("a delivery to a receiver that is down reads as Retrying with its error and next try (axe light and dark), then Delivered once it is up", async ({ page, app, receiver }) => {
  test.setTimeout(120_000);
  await receiver.down();
  const before = receiver.received.length;
  await page.goto(`${app.url}/alerts`);
  await page.getByTestId("destinations").getByRole("row", { name: /Ops receiver/ }).getByRole("button", { name: "Send test event to Ops receiver" }).click();
  const retrying = page.getByTestId("delivery-log").locator('tr[data-status="failed"]').filter({ hasText: "Ops receiver" });
  await expect(retrying).toHaveCount(1, { timeout: 20_000 });
  await expect(retrying).toContainText("Retrying");
  await expect(retrying).toContainText(/ECONNREFUSED/);
  const eventId = (await retrying.getAttribute("data-event-id"))!;
  // The next try on the page is the one the log holds (read again if a retry came in between).
  await expect(async () => {
    const { deliveries } = (await (await page.request.get(`${app.url}/api/alerts/deliveries?event=${eventId}`)).json()) as DeliveriesResponse;
    const next = utcDateTime(deliveries[0]!.nextAttemptAt!, { seconds: true });
    await expect(retrying).toContainText(`Next try ${next} UTC`, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await retrying.getByText(/\d+ attempts?/).click();
  await expect(retrying.locator('li[data-outcome="retry"]').first()).toContainText("no answer");
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAxeClean(page);
  }

  await receiver.up();
  const delivered = page.getByTestId("delivery-log").locator(`tr[data-event-id="${eventId}"]`);
  await expect(delivered).toHaveAttribute("data-status", "delivered", { timeout: 90_000 });
  await expect(delivered).toContainText("Delivered");
  expect(receiver.received.slice(before).map((request) => [request.eventId, request.signatureOk])).toEqual([[eventId, true]]);
});

test("a rule added on /alerts fires one signed webhook to the receiver at the next snapshot, and the log shows it delivered", async ({ page, app, receiver }) => {
  test.setTimeout(60_000);
  await page.goto(`${app.url}/alerts`);
  await page.getByRole("button", { name: "Add rule" }).click();
  const form = page.getByRole("form", { name: "Add rule" });
  await form.getByLabel("Name").fill("Primary USD floor");
  await form.getByLabel("Rule kind").selectOption("balance");
  await form.getByLabel("Account").fill("primary");
  await form.getByLabel("Currency").fill("USD");
  await form.getByLabel("Fires when").selectOption("below");
  // One cent above the demo's primary USD (12345678.91, which --no-drift keeps): below it.
  await form.getByLabel("Threshold").fill("12345678.92");
  await form.getByRole("button", { name: "Add rule" }).click();
  await expect(form).toBeHidden();

  const before = receiver.received.length;
  expect((await page.request.post(`${app.url}/api/snapshots`)).status()).toBe(201);
  await expect.poll(() => receiver.received.length, { timeout: 20_000 }).toBe(before + 1);
  const sent = receiver.received[before]!;
  expect(sent).toMatchObject({ signatureOk: true, attempt: "1" });
  expect(JSON.parse(sent.body)).toMatchObject({ id: sent.eventId, type: "alert.fired", rule: { name: "Primary USD floor" }, summary: "USD in primary fell below 12345678.92 (now 12345678.91)." });

  await page.reload();
  const logged = page.getByTestId("delivery-log").locator(`tr[data-event-id="${sent.eventId}"]`).filter({ hasText: "Ops receiver" });
  await expect(logged).toHaveAttribute("data-status", "delivered");
  await expect(logged).toContainText("Primary USD floor");
  const { rules } = (await (await page.request.get(`${app.url}/api/alerts/rules`)).json()) as AlertRulesResponse;
  expect((await page.request.delete(`${app.url}/api/alerts/rules/${rules.find((rule) => rule.name === "Primary USD floor")!.id}`)).status()).toBe(200);
});

test("pausing and deleting a destination", async ({ page, app }) => {
  await page.goto(`${app.url}/alerts`);
  const row = page.getByTestId("destinations").getByRole("row", { name: /Ops receiver/ });
  const toggle = row.getByRole("switch", { name: /Deliver to Ops receiver/ });
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-checked", "false");
  await expect(row.getByRole("button", { name: "Send test event to Ops receiver" })).toBeDisabled();
  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "Delete Ops receiver" }).click();
  await expect(page.getByTestId("destinations").getByRole("row", { name: /Ops receiver/ })).toHaveCount(0);
});

test("the demo receiver refuses a forged or stale signature and keeps nothing of it", async ({ request, app }) => {
  const before = ((await (await request.get(`${app.url}/api/alerts/demo-receiver`)).json()) as { receipts: unknown[] }).receipts.length;
  const body = JSON.stringify({ id: "forged", type: "alert.fired" });
  const now = Math.floor(Date.now() / 1000);
  const forgeries: Record<string, string>[] = [
    {},
    { "X-Treasury-Timestamp": String(now), "X-Treasury-Signature": `v1=${"0".repeat(64)}` },
    { "X-Treasury-Timestamp": String(now - 3_600), "X-Treasury-Signature": `v1=${"0".repeat(64)}` },
  ];
  for (const headers of forgeries) {
    const response = await request.post(`${app.url}/api/alerts/demo-receiver`, { data: body, headers: { "content-type": "application/json", ...headers } });
    expect(response.status()).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("alert_signature_invalid");
  }
  const after = ((await (await request.get(`${app.url}/api/alerts/demo-receiver`)).json()) as { receipts: unknown[] }).receipts.length;
  expect(after).toBe(before);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`no serious or critical axe violations on /alerts (${colorScheme})`, async ({ page, app }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(`${app.url}/alerts`);
    await expect(page.getByTestId("delivery-log")).toBeVisible();
    await expect(page.getByTestId("demo-receipts")).toBeVisible();
    await page.getByTestId("delivery-log").getByText(/attempt/).first().click();
    await expectAxeClean(page);
  });
}
