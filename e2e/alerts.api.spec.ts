/**
 * Alert rules over real HTTP on the production build: one app with sign-in and roles (an admin and
 * an auditor), its own demo exchange that does not drift, and its own embedded store. A rule fires
 * once when a snapshot makes it true, stays quiet while it holds, and resolves when it clears.
 */
import { expect, test } from "@playwright/test";
import type { AlertEventsResponse, AlertRuleResponse, AlertRulesResponse } from "../lib/alerts/types";
import type { SnapshotTakenResponse } from "../lib/snapshots/types";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { signInEnv, TEST_USER, THROTTLED_USER } from "../testkit/sign-in";

/** The demo exchange's primary USD balance (lib/demo-exchange/data.ts), which --no-drift keeps. */
const PRIMARY_USD = "12345678.91";
/** PGlite's first initdb in a fresh DATA_DIR, on two shared cores. */
const WARM_UP_MS = 240_000;

let exchange: Running;
let app: Running;
let admin: string;
let auditor: string;

test.describe.configure({ mode: "serial" });

async function signedIn(username: string): Promise<string> {
  const response = await fetch(`${app.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password: TEST_USER.password }),
  });
  expect(response.status).toBe(200);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

async function call(path: string, { method = "GET", body, cookie = admin }: { method?: string; body?: unknown; cookie?: string } = {}) {
  const headers: Record<string, string> = { cookie };
  if (body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${app.url}${path}`, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
}

async function json<T>(response: Response, status = 200): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const events = async () => (await json<AlertEventsResponse>(await call("/api/alerts/events"))).events;
const snapshot = async () => (await json<SnapshotTakenResponse>(await call("/api/snapshots", { method: "POST" }), 201)).snapshot;

test.beforeAll(async () => {
  test.setTimeout(WARM_UP_MS + 60_000);
  exchange = await startExchange(["--no-drift"]);
  app = await startApp({
    env: {
      DEMO_EXCHANGE_URL: exchange.url,
      BALANCES_CACHE_TTL_MS: "0",
      ...signInEnv,
      DASHBOARD_ROLES: `${TEST_USER.username}:admin,${THROTTLED_USER.username}:auditor`,
    },
  });
  admin = await signedIn(TEST_USER.username);
  auditor = await signedIn(THROTTLED_USER.username);
  // The first use of the store runs initdb: done once, here.
  const deadline = Date.now() + WARM_UP_MS;
  for (;;) {
    const response = await call("/api/alerts/rules");
    if (response.ok) break;
    if (Date.now() > deadline) throw new Error(`the store did not open: ${response.status} ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
});

test.afterAll(async () => {
  await stopAll([app, exchange]);
});

test("a balance rule fires exactly once when a snapshot makes it true, stays quiet, and resolves at exactly the threshold", async () => {
  test.setTimeout(120_000);
  const created = await json<AlertRuleResponse>(
    await call("/api/alerts/rules", {
      method: "POST",
      body: { name: "Primary USD floor", params: { kind: "balance", account: "primary", currency: "USD", measure: "amount", direction: "below", threshold: "12345678.92" } },
    }),
    201,
  );
  const rule = created.rule;
  expect(rule).toMatchObject({ name: "Primary USD floor", paused: false, state: "ok", createdBy: TEST_USER.username, description: "USD in primary is below 12345678.92" });
  expect(rule.params).toMatchObject({ threshold: "12345678.92" });
  expect(await events()).toEqual([]);

  const first = await snapshot();
  const fired = await events();
  expect(fired).toEqual([
    {
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      ruleId: rule.id,
      ruleName: "Primary USD floor",
      kind: "fired",
      occurredAt: first.takenAt,
      snapshotId: first.id,
      summary: `USD in primary fell below 12345678.92 (now ${PRIMARY_USD}).`,
      details: expect.objectContaining({ value: PRIMARY_USD, threshold: "12345678.92", account: "primary", currency: "USD" }),
      connectionLabel: "Demo exchange",
    },
  ]);
  const listed = await json<AlertRulesResponse>(await call("/api/alerts/rules"));
  expect(listed.rules.find((found) => found.id === rule.id)).toMatchObject({ state: "firing", since: first.takenAt });

  // Still below: no new event.
  await snapshot();
  expect(await events()).toHaveLength(1);

  // Exactly the balance is not below it: the next snapshot resolves the rule.
  const edited = await json<AlertRuleResponse>(await call(`/api/alerts/rules/${rule.id}`, { method: "PATCH", body: { params: { ...rule.params, threshold: PRIMARY_USD } } }));
  expect(edited.rule).toMatchObject({ state: "firing", description: `USD in primary is below ${PRIMARY_USD}` });
  const third = await snapshot();
  const after = await events();
  expect(after.map((event) => [event.kind, event.snapshotId])).toEqual([
    ["resolved", third.id],
    ["fired", first.id],
  ]);
  expect(after[0]!.summary).toBe(`USD in primary is back at or above ${PRIMARY_USD} (now ${PRIMARY_USD}).`);

  await json(await call(`/api/alerts/rules/${rule.id}`, { method: "DELETE" }));
  // Deleting keeps what was sent.
  expect(await events()).toHaveLength(2);
});

test("a 'snapshot failed' rule fires when the exchange stops answering and resolves when it is back", async () => {
  test.setTimeout(120_000);
  const { rule } = await json<AlertRuleResponse>(
    await call("/api/alerts/rules", { method: "POST", body: { name: "Snapshots failing", params: { kind: "snapshot_failed", includePartial: true } } }),
    201,
  );
  const ofRule = async () => (await events()).filter((event) => event.ruleId === rule.id);
  const faults = (method: string, body?: unknown) =>
    fetch(`${exchange.url}/__demo/faults`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  try {
    expect((await faults("POST", { kind: "invalid-api-key" })).status).toBe(200);
    // Every account fails (recorded as a failed snapshot), or the account list does (nothing recorded): both fire.
    await call("/api/snapshots", { method: "POST" });
    expect(await ofRule()).toMatchObject([{ kind: "fired", summary: expect.stringMatching(/^The snapshot failed: /) }]);
    await call("/api/snapshots", { method: "POST" });
    expect(await ofRule()).toHaveLength(1);
  } finally {
    await faults("DELETE");
  }
  const good = await snapshot();
  expect((await ofRule()).map((event) => [event.kind, event.kind === "resolved" ? event.snapshotId : "any"])).toEqual([
    ["resolved", good.id],
    ["fired", "any"],
  ]);
  await json(await call(`/api/alerts/rules/${rule.id}`, { method: "DELETE" }));
});

test("bad input is a clear 4xx naming the problem, and nothing is stored", async () => {
  const before = (await json<AlertRulesResponse>(await call("/api/alerts/rules"))).rules.length;
  const valid = { kind: "balance", account: "primary", currency: "USD", measure: "amount", direction: "below", threshold: "250000.00" };
  const refused = async (body: unknown, message: RegExp | string) => {
    const answer = await json<{ error: { code: string; message: string } }>(await call("/api/alerts/rules", { method: "POST", body }), 400);
    expect(answer.error.code).toBe("alert_rule_invalid");
    expect(answer.error.message).toMatch(message);
  };
  await refused({ name: "x", params: { ...valid, threshold: "1e3" } }, /^params\.threshold: a threshold is plain decimal text/);
  // A JSON number would already have lost digits: only text is taken.
  await refused({ name: "x", params: { ...valid, threshold: 250000.1 } }, /^params\.threshold:/);
  await refused({ name: "x", params: { ...valid, currency: null } }, /^params\.currency: amounts of different currencies do not add up/);
  await refused({ name: "x", params: { kind: "weather" } }, /^params\.kind:/);
  await refused({ name: "", params: valid }, /^name: a rule needs a name/);
  await refused("{not json", /^Send the rule as JSON/);
  expect((await call("/api/alerts/rules", { method: "POST", body: JSON.stringify({ name: "x", params: valid, pad: "x".repeat(10_000) }) })).status).toBe(413);

  const missing = await json<{ error: { code: string } }>(await call("/api/alerts/rules/999999", { method: "PATCH", body: { paused: true } }), 404);
  expect(missing.error.code).toBe("alert_rule_not_found");
  expect((await call("/api/alerts/rules/abc", { method: "DELETE" })).status).toBe(404);
  expect((await call("/api/alerts/rules/1", { method: "PATCH", body: {} })).status).toBe(400);
  expect((await json<{ error: { code: string } }>(await call("/api/alerts/events?limit=0"), 400)).error.code).toBe("bad_request");
  expect((await call("/api/alerts/rules?x=1")).status).toBe(400);
  expect((await json<AlertRulesResponse>(await call("/api/alerts/rules"))).rules).toHaveLength(before);
});

test("only an admin manages alerts: an auditor gets 403 forbidden_role on the API and the page; every change is audited", async () => {
  for (const [method, path] of [
    ["GET", "/api/alerts/rules"],
    ["POST", "/api/alerts/rules"],
    ["PATCH", "/api/alerts/rules/1"],
    ["DELETE", "/api/alerts/rules/1"],
    ["GET", "/api/alerts/events"],
  ] as const) {
    const answer = await json<{ error: { code: string } }>(await call(path, { method, cookie: auditor, body: method === "POST" ? { name: "x" } : undefined }), 403);
    expect(answer.error.code, `${method} ${path}`).toBe("forbidden_role");
  }
  expect((await call("/alerts", { cookie: auditor })).status).toBe(403);
  expect((await call("/alerts")).status).toBe(200);

  const { rule } = await json<AlertRuleResponse>(
    await call("/api/alerts/rules", { method: "POST", body: { name: "Stale", params: { kind: "no_snapshot", hours: 6 } } }),
    201,
  );
  const paused = await json<AlertRuleResponse>(await call(`/api/alerts/rules/${rule.id}`, { method: "PATCH", body: { paused: true } }));
  expect(paused.rule.paused).toBe(true);
  await json(await call(`/api/alerts/rules/${rule.id}`, { method: "PATCH", body: { paused: false, name: "Stale snapshots" } }));
  await json(await call(`/api/alerts/rules/${rule.id}`, { method: "DELETE" }));

  const lines = app
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{") && line.includes('"audit":true'))
    .map((line) => JSON.parse(line) as { event: string; user: string; outcome: string; details?: Record<string, string> })
    .filter((entry) => entry.event.startsWith("alert_rule_") && entry.details?.rule_id === String(rule.id));
  expect(lines.map((entry) => [entry.event, entry.user, entry.outcome])).toEqual([
    ["alert_rule_created", TEST_USER.username, "ok"],
    ["alert_rule_paused", TEST_USER.username, "ok"],
    ["alert_rule_updated", TEST_USER.username, "ok"],
    ["alert_rule_resumed", TEST_USER.username, "ok"],
    ["alert_rule_deleted", TEST_USER.username, "ok"],
  ]);
  expect(lines[2]!.details).toMatchObject({ rule_name: "Stale snapshots", changed: "name" });
});
