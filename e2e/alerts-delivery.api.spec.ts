/**
 * The alerts delivery API on the production build with sign-in and roles: only alerts:manage may
 * use it (a viewer gets 403 forbidden_role, and nothing changes); bad input is a clear 4xx; URLs
 * are refused when saved; the server's log never holds a signing secret or a Slack URL's token.
 */
import { test as base, expect, type APIRequestContext } from "@playwright/test";
import type { DestinationSavedResponse, DestinationsResponse } from "../lib/alerts/delivery/types";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { signInEnv, TEST_USER, THROTTLED_USER } from "../testkit/sign-in";

const WARM_UP_MS = 240_000;
const SECRET = "api-spec-signing-secret-9f8e7d6c5b4a";
const SLACK_TOKEN = "slackTokenThatMustNeverBeLogged42";

const test = base.extend<object, { app: Running }>({
  app: [
    async ({}, use) => {
      const exchange = await startExchange(["--no-drift"]);
      const app = await startApp({
        env: { DEMO_EXCHANGE_URL: exchange.url, ...signInEnv, DASHBOARD_ROLES: `${TEST_USER.username}:admin,${THROTTLED_USER.username}:viewer` },
      });
      await use(app);
      await stopAll([app, exchange]);
    },
    { scope: "worker", timeout: WARM_UP_MS + 60_000 },
  ],
});

async function cookieOf(request: APIRequestContext, app: Running, username: string): Promise<string> {
  const response = await request.post(`${app.url}/api/auth/login`, { data: { username, password: TEST_USER.password } });
  expect(response.status()).toBe(200);
  return response.headers()["set-cookie"]!.split(";")[0]!;
}

test.describe.configure({ mode: "serial" });

test("a viewer is refused every alerts route and page with 403 forbidden_role, and nothing changes", async ({ request, app }) => {
  const admin = { cookie: await cookieOf(request, app, TEST_USER.username) };
  const viewer = { cookie: await cookieOf(request, app, THROTTLED_USER.username) };
  // The admin's first read opens the store (PGlite's initdb): given time once, here.
  await expect(async () => expect((await request.get(`${app.url}/api/alerts/destinations`, { headers: admin, timeout: WARM_UP_MS })).status()).toBe(200)).toPass({
    timeout: WARM_UP_MS,
  });
  const before = await (await request.get(`${app.url}/api/alerts/destinations`, { headers: admin })).json();

  const calls: [string, string, unknown?][] = [
    ["GET", "/api/alerts/destinations"],
    ["POST", "/api/alerts/destinations", { name: "x", kind: "webhook", url: "https://93.184.215.14/hook" }],
    ["PATCH", "/api/alerts/destinations/1", { enabled: false }],
    ["DELETE", "/api/alerts/destinations/1"],
    ["POST", "/api/alerts/destinations/1/test"],
    ["GET", "/api/alerts/deliveries"],
    ["GET", "/api/alerts/demo-receiver"],
  ];
  for (const [method, path, data] of calls) {
    const response = await request.fetch(`${app.url}${path}`, { method, headers: viewer, data });
    expect(response.status(), `${method} ${path}`).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden_role");
  }
  expect((await request.get(`${app.url}/alerts`, { headers: viewer })).status()).toBe(403);
  expect(await (await request.get(`${app.url}/api/alerts/destinations`, { headers: admin })).json()).toEqual(before);
});

test("an admin's bad input is a clear 4xx: refused URLs, unknown fields, the built-in receiver's address", async ({ request, app }) => {
  const headers = { cookie: await cookieOf(request, app, TEST_USER.username) };
  const create = (data: unknown) => request.post(`${app.url}/api/alerts/destinations`, { headers, data });
  const refusals: [unknown, number, string, RegExp][] = [
    [{ name: "a", kind: "webhook", url: "https://10.0.0.1/hook" }, 400, "alert_destination_refused", /10\.0\.0\.1 is a private address/],
    [{ name: "a", kind: "webhook", url: "https://[::ffff:169.254.169.254]/" }, 400, "alert_destination_refused", /link-local/],
    [{ name: "a", kind: "webhook", url: "http://93.184.215.14/hook" }, 400, "alert_destination_refused", /https:\/\//],
    [{ name: "a", kind: "webhook", url: "https://93.184.215.14/", secret: "short" }, 400, "bad_request", /at least 24/],
    [{ name: "a", kind: "slack", url: "https://93.184.215.14/", secret: SECRET }, 400, "bad_request", /takes no secret/],
    [{ name: "a", kind: "email", url: "https://93.184.215.14/" }, 400, "bad_request", /./],
    [{ name: "a", kind: "webhook", url: "https://93.184.215.14/", extra: 1 }, 400, "bad_request", /unknown field extra/],
  ];
  for (const [data, status, code, message] of refusals) {
    const response = await create(data);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect([response.status(), body.error.code], JSON.stringify(data)).toEqual([status, code]);
    expect(body.error.message).toMatch(message);
  }
  const { destinations } = (await (await request.get(`${app.url}/api/alerts/destinations`, { headers })).json()) as DestinationsResponse;
  const builtin = destinations.find((destination) => destination.builtin)!;
  const patch = await request.patch(`${app.url}/api/alerts/destinations/${builtin.id}`, { headers, data: { url: "https://93.184.215.14/" } });
  expect(patch.status()).toBe(400);
  expect(((await patch.json()) as { error: { code: string } }).error.code).toBe("alert_destination_builtin");
  expect((await request.delete(`${app.url}/api/alerts/destinations/999999`, { headers })).status()).toBe(404);
  expect((await request.delete(`${app.url}/api/alerts/destinations/abc`, { headers })).status()).toBe(400);
  expect((await request.get(`${app.url}/api/alerts/deliveries?event=nope`, { headers })).status()).toBe(400);
});

test("secrets and Slack URLs never reach the server's log, nor any later answer", async ({ request, app }) => {
  const headers = { cookie: await cookieOf(request, app, TEST_USER.username) };
  const webhook = await request.post(`${app.url}/api/alerts/destinations`, {
    headers,
    data: { name: "Partner", kind: "webhook", url: "https://93.184.215.14/hooks/partner?token=querySecret77", secret: SECRET },
  });
  expect(webhook.status()).toBe(201);
  const saved = (await webhook.json()) as DestinationSavedResponse;
  expect(saved.secret).toBe(SECRET);
  expect(saved.destination.urlPreview).toBe("https://93.184.215.14/hooks/…");
  const slack = await request.post(`${app.url}/api/alerts/destinations`, {
    headers,
    data: { name: "Slack", kind: "slack", url: `https://93.184.215.14/services/T000/B000/${SLACK_TOKEN}` },
  });
  expect(slack.status()).toBe(201);
  const slackId = ((await slack.json()) as DestinationSavedResponse).destination.id;
  const rotated = await request.patch(`${app.url}/api/alerts/destinations/${saved.destination.id}`, { headers, data: { rotateSecret: true } });
  const newSecret = ((await rotated.json()) as DestinationSavedResponse).secret!;
  expect(newSecret).toMatch(/^whsec_/);
  expect((await request.post(`${app.url}/api/alerts/destinations/${slackId}/test`, { headers })).status()).toBe(202);
  expect((await request.post(`${app.url}/api/alerts/destinations/${saved.destination.id}/test`, { headers })).status()).toBe(202);
  // Both attempts fail (nothing answers there from here): the log gets their lines.
  await expect(async () => {
    const log = (await (await request.get(`${app.url}/api/alerts/deliveries`, { headers })).json()) as { deliveries: { attempts: number }[] };
    expect(log.deliveries.filter((delivery) => delivery.attempts > 0).length).toBeGreaterThanOrEqual(2);
  }).toPass({ timeout: 30_000 });

  const answers = [
    await (await request.get(`${app.url}/api/alerts/destinations`, { headers })).text(),
    await (await request.get(`${app.url}/api/alerts/deliveries`, { headers })).text(),
  ].join("\n");
  const output = app.output();
  expect(output).toContain('"event":"alert_delivery"');
  expect(output).toContain('"audit":true');
  for (const secret of [SECRET, newSecret, SLACK_TOKEN, "querySecret77"]) {
    expect(output, "server log").not.toContain(secret);
    expect(answers, "API answers").not.toContain(secret);
  }
});
