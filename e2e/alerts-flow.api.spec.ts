/**
 * Issue 16's "done when", end to end over real HTTP on the production build: an admin sets a rule
 * and a webhook destination through the API (what /alerts does) pointing at a real receiver in this
 * process that checks each signature as the README's snippet does. The next snapshot after the
 * condition becomes true delivers one signed webhook; snapshots while it holds send nothing; the
 * clearing snapshot delivers one resolve event. A receiver that answers 5xx, then is down, gets
 * retries (the app's real backoff, about 10 s then 20 s) and, once up, each event exactly once, in
 * event-time order. The README's Node and Python verification snippets are run, as written, on a
 * captured delivery, and its JSON and Slack examples have the shape of real ones.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import type { DeliveriesResponse, DeliveryJson, DestinationSavedResponse } from "../lib/alerts/delivery/types";
import type { AlertEventJson, AlertEventsResponse, AlertRuleResponse } from "../lib/alerts/types";
import type { SnapshotTakenResponse } from "../lib/snapshots/types";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { signInEnv, TEST_USER, THROTTLED_USER } from "../testkit/sign-in";
import { startReceiver, type Received, type WebhookReceiver } from "../testkit/webhook-receiver";

/** The demo exchange's primary USD balance (lib/demo-exchange/data.ts), which --no-drift keeps. */
const PRIMARY_USD = "12345678.91";
/** One cent above it: a "below" rule on it holds while the balance stays. */
const ABOVE_PRIMARY_USD = "12345678.92";
/** PGlite's first initdb in a fresh DATA_DIR, on two shared cores. */
const WARM_UP_MS = 240_000;
/** Covers the app's backoff (FIRST_RETRY_DELAY_MS 10 s, doubled per retry, jittered) plus its 5 s poll. */
const RETRIES_SETTLE_MS = 120_000;
const SECRET = "flow-spec-signing-secret-0123456789";
const FAILING_SECRET = "flow-spec-failing-receiver-secret-42";

let exchange: Running;
let app: Running;
let admin: string;
let receiver: WebhookReceiver;
let slackReceiver: WebhookReceiver;
let failing: WebhookReceiver;

test.describe.configure({ mode: "serial" });

async function call(pathname: string, { method = "GET", body }: { method?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { cookie: admin };
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${app.url}${pathname}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const snapshot = async () => (await json<SnapshotTakenResponse>(await call("/api/snapshots", { method: "POST" }), 201)).snapshot;
const eventsOf = async (ruleId: number): Promise<AlertEventJson[]> =>
  (await json<AlertEventsResponse>(await call("/api/alerts/events"))).events.filter((event) => event.ruleId === ruleId);
/** One destination's log, oldest event first. */
const deliveriesTo = async (destinationId: number): Promise<DeliveryJson[]> =>
  (await json<DeliveriesResponse>(await call(`/api/alerts/deliveries?destination=${destinationId}`))).deliveries.reverse();

async function addWebhook(name: string, url: string, secret: string): Promise<number> {
  const saved = await json<DestinationSavedResponse>(await call("/api/alerts/destinations", { method: "POST", body: { name, kind: "webhook", url, secret } }), 201);
  expect(saved.secret).toBe(secret);
  return saved.destination.id;
}

async function addFloorRule(name: string): Promise<AlertRuleResponse["rule"]> {
  const params = { kind: "balance", account: "primary", currency: "USD", measure: "amount", direction: "below", threshold: ABOVE_PRIMARY_USD };
  return (await json<AlertRuleResponse>(await call("/api/alerts/rules", { method: "POST", body: { name, params } }), 201)).rule;
}

/** The rule's threshold set to the balance itself: not below it any more, so the next snapshot resolves it. */
async function clearCondition(rule: AlertRuleResponse["rule"]): Promise<void> {
  await json(await call(`/api/alerts/rules/${rule.id}`, { method: "PATCH", body: { params: { ...rule.params, threshold: PRIMARY_USD } } }));
}

const payloadOf = (received: Received) => JSON.parse(received.body) as { id: string; type: string; rule: { id: number | null; name: string }; snapshotId: number | null; details: Record<string, string> };

/** The fenced block of `language` that follows `heading` in the README, exactly as a reader copies it. */
function readmeBlock(heading: string, language: string, nth = 0): string {
  const readme = readFileSync(path.join(__dirname, "..", "README.md"), "utf8");
  const from = readme.indexOf(heading);
  expect(from, heading).toBeGreaterThanOrEqual(0);
  const blocks = [...readme.slice(from).matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))];
  expect(blocks.length, `${language} block ${nth} after ${heading}`).toBeGreaterThan(nth);
  return blocks[nth]![1]!;
}

/** Runs the README's Node and Python snippets on one request; each says whether it verifies. */
function readmeVerdicts(secret: string, headers: Received["headers"], body: string): { node: string; python: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "readme-snippets-"));
  try {
    const nodeFile = path.join(dir, "verify.mjs");
    writeFileSync(nodeFile, readmeBlock("### The webhook", "js"));
    writeFileSync(path.join(dir, "verify.py"), readmeBlock("### The webhook", "python"));
    const input = JSON.stringify({ secret, headers, body });
    const node = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", `import { readFileSync } from "node:fs"; import { verifyTreasuryWebhook } from ${JSON.stringify(nodeFile)}; const { secret, headers, body } = JSON.parse(readFileSync(0, "utf8")); process.stdout.write(JSON.stringify(verifyTreasuryWebhook(secret, headers, body)));`],
      { input, encoding: "utf8" },
    );
    // Header names as a framework gives them: looked up without regard to case.
    const harness = [
      "import json, sys",
      "sys.path.insert(0, sys.argv[1])",
      "from verify import verify_treasury_webhook",
      "class Headers(dict):",
      "    def get(self, key, default=None):",
      "        return super().get(key.lower(), default)",
      "given = json.load(sys.stdin)",
      "headers = Headers({k.lower(): v for k, v in given['headers'].items()})",
      "print(json.dumps(verify_treasury_webhook(given['secret'], headers, given['body'].encode())))",
    ].join("\n");
    const python = spawnSync("python3", ["-c", harness, dir], { input, encoding: "utf8" });
    expect(node.stderr, "node snippet").toBe("");
    expect(python.stderr, "python snippet").toBe("");
    return { node: node.stdout.trim(), python: python.stdout.trim() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The keys of an object and of its nested objects, as paths. */
function shape(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, inner]) => [`${prefix}${key}`, ...shape(inner, `${prefix}${key}.`)]).sort();
}

test.beforeAll(async () => {
  test.setTimeout(WARM_UP_MS + 60_000);
  receiver = await startReceiver({ secret: SECRET });
  slackReceiver = await startReceiver({ secret: null });
  failing = await startReceiver({ secret: FAILING_SECRET });
  exchange = await startExchange(["--no-drift"]);
  app = await startApp({
    env: {
      DEMO_EXCHANGE_URL: exchange.url,
      BALANCES_CACHE_TTL_MS: "0",
      // The receivers are on loopback.
      ALERTS_ALLOW_PRIVATE: "true",
      ...signInEnv,
      DASHBOARD_ROLES: `${TEST_USER.username}:admin,${THROTTLED_USER.username}:viewer`,
    },
  });
  const login = await fetch(`${app.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(TEST_USER),
  });
  expect(login.status).toBe(200);
  admin = login.headers.get("set-cookie")!.split(";")[0]!;
  // The first use of the store runs initdb: done once, here.
  const deadline = Date.now() + WARM_UP_MS;
  while (!(await call("/api/alerts/rules").then((response) => response.ok, () => false))) {
    if (Date.now() > deadline) throw new Error(`the store did not open:\n${app.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
});

test.afterAll(async () => {
  await stopAll([app, exchange]);
  await Promise.allSettled([receiver, slackReceiver, failing].map((started) => started?.close()));
});

test("a rule fires one signed webhook at the next snapshot, nothing while it holds, one resolve when it clears", async () => {
  test.setTimeout(180_000);
  const destination = await addWebhook("Ops receiver", receiver.url, SECRET);
  const slack = (
    await json<DestinationSavedResponse>(await call("/api/alerts/destinations", { method: "POST", body: { name: "Ops Slack", kind: "slack", url: slackReceiver.url } }), 201)
  ).destination.id;
  const rule = await addFloorRule("Primary USD floor");

  const first = await snapshot();
  const [fired] = await eventsOf(rule.id);
  expect(fired).toMatchObject({ kind: "fired", snapshotId: first.id });
  // No second snapshot: this one's delivery alone must arrive.
  await expect(async () => expect(receiver.received).toHaveLength(1)).toPass({ timeout: 30_000 });
  const delivered = receiver.received[0]!;
  expect(delivered).toMatchObject({ eventId: fired!.id, attempt: "1", signatureOk: true, signatureProblem: null });
  expect(delivered.headers["content-type"]).toBe("application/json");
  expect(payloadOf(delivered)).toMatchObject({
    id: fired!.id,
    type: "alert.fired",
    rule: { id: rule.id, name: "Primary USD floor" },
    snapshotId: first.id,
    details: { value: PRIMARY_USD, threshold: ABOVE_PRIMARY_USD },
  });

  // While it holds: no event, so nothing to send.
  await snapshot();
  await snapshot();
  expect(await eventsOf(rule.id)).toHaveLength(1);

  await clearCondition(rule);
  const clearing = await snapshot();
  const [resolved] = await eventsOf(rule.id);
  expect(resolved).toMatchObject({ kind: "resolved", snapshotId: clearing.id });
  await expect(async () => expect(receiver.received.length).toBeGreaterThanOrEqual(2)).toPass({ timeout: 30_000 });
  // A destination gets its events in event-time order, so anything sent for the snapshots in
  // between would stand before the resolve event here.
  expect(receiver.received.map((request) => [request.eventId, payloadOf(request).type, request.attempt, request.signatureOk])).toEqual([
    [fired!.id, "alert.fired", "1", true],
    [resolved!.id, "alert.resolved", "1", true],
  ]);
  expect((await deliveriesTo(destination)).map((row) => [row.eventId, row.status, row.attempts])).toEqual([
    [fired!.id, "delivered", 1],
    [resolved!.id, "delivered", 1],
  ]);

  // Slack got the same two, in its own format.
  await expect(async () => expect(slackReceiver.received).toHaveLength(2)).toPass({ timeout: 30_000 });
  expect(slackReceiver.received.map((request) => request.eventId)).toEqual([fired!.id, resolved!.id]);
  expect(slackReceiver.received[0]!.headers["x-treasury-signature"]).toBeUndefined();
  expect(JSON.parse(slackReceiver.received[0]!.body)).toMatchObject({ text: expect.stringContaining("Alert fired: Primary USD floor") });
  expect((await deliveriesTo(slack)).map((row) => row.status)).toEqual(["delivered", "delivered"]);

  await json(await call(`/api/alerts/rules/${rule.id}`, { method: "DELETE" }));
  for (const id of [destination, slack]) await json(await call(`/api/alerts/destinations/${id}`, { method: "PATCH", body: { enabled: false } }));
});

test("the README's Node and Python snippets verify a captured delivery and refuse it tampered with; its examples have the real shape", async () => {
  test.setTimeout(60_000);
  const captured = receiver.received[0]!;
  expect(readmeVerdicts(SECRET, captured.headers, captured.body)).toEqual({ node: "true", python: "true" });
  expect(readmeVerdicts(SECRET, captured.headers, captured.body.replace(PRIMARY_USD, "12345678.90"))).toEqual({ node: "false", python: "false" });
  expect(readmeVerdicts("another-secret-of-24-characters", captured.headers, captured.body)).toEqual({ node: "false", python: "false" });

  expect(shape(JSON.parse(readmeBlock("### The webhook", "json")))).toEqual(shape(JSON.parse(captured.body)));
  const slackExample = JSON.parse(readmeBlock("### Slack", "json")) as { blocks: { type: string }[] };
  const slackReal = JSON.parse(slackReceiver.received[0]!.body) as { blocks: { type: string }[] };
  expect(shape(slackExample)).toEqual(shape(slackReal));
  expect(slackExample.blocks.map((block) => block.type)).toEqual(slackReal.blocks.map((block) => block.type));
});

test("a receiver that fails (5xx, then down) gets retries and, once up, each event exactly once, in event-time order", async () => {
  test.setTimeout(2 * RETRIES_SETTLE_MS + 60_000);
  const destination = await addWebhook("Flaky receiver", failing.url, FAILING_SECRET);
  failing.answerWith({ status: 503, body: "busy" });
  const rule = await addFloorRule("Primary USD floor, flaky");

  await snapshot();
  const [fired] = await eventsOf(rule.id);
  await expect(async () => {
    const [row] = await deliveriesTo(destination);
    expect(row).toMatchObject({ eventId: fired!.id, status: "failed", attempts: 1, lastStatusCode: 503 });
    expect(row!.nextAttemptAt).not.toBeNull();
  }).toPass({ timeout: 30_000 });
  // Down before the retry is due (the first comes no sooner than 5 s after the 503).
  await failing.down();

  await clearCondition(rule);
  await snapshot();
  const [resolved] = await eventsOf(rule.id);
  expect(resolved!.kind).toBe("resolved");
  await expect(async () => {
    const [first, second] = await deliveriesTo(destination);
    expect(first).toMatchObject({ eventId: fired!.id, status: "failed", lastStatusCode: null });
    expect(first!.attempts).toBeGreaterThanOrEqual(2);
    expect(first!.lastError).toMatch(/ECONNREFUSED|connect/i);
    // The later event waits behind the one being retried.
    expect(second).toMatchObject({ eventId: resolved!.id, status: "pending", attempts: 0 });
  }).toPass({ timeout: RETRIES_SETTLE_MS });

  await failing.up();
  await expect(async () => {
    expect((await deliveriesTo(destination)).map((row) => row.status)).toEqual(["delivered", "delivered"]);
  }).toPass({ timeout: RETRIES_SETTLE_MS });

  // The receiver saw the 503'd attempt, then each event once more, accepted, signed, in order; the
  // retry carried the same event id (the idempotency key) as the attempt that failed.
  const seen = failing.received.map((request) => [request.eventId, payloadOf(request).id, payloadOf(request).type, request.signatureOk]);
  expect(seen).toEqual([
    [fired!.id, fired!.id, "alert.fired", true],
    [fired!.id, fired!.id, "alert.fired", true],
    [resolved!.id, resolved!.id, "alert.resolved", true],
  ]);
  expect(Number(failing.received[1]!.attempt)).toBeGreaterThanOrEqual(3);
  expect(failing.received[2]!.attempt).toBe("1");
  expect(new Date(fired!.occurredAt).getTime()).toBeLessThan(new Date(resolved!.occurredAt).getTime());

  const [firedLog, resolvedLog] = await deliveriesTo(destination);
  const outcomes = firedLog!.attemptLog.map((attempt) => [attempt.statusCode, attempt.outcome]);
  expect(outcomes[0]).toEqual([503, "retry"]);
  expect(outcomes.slice(1, -1).every(([status, outcome]) => status === null && outcome === "retry")).toBe(true);
  expect(outcomes.at(-1)).toEqual([200, "delivered"]);
  expect(resolvedLog!.attemptLog.map((attempt) => [attempt.statusCode, attempt.outcome])).toEqual([[200, "delivered"]]);
});
