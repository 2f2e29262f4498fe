/**
 * Secret hygiene, on a LIVE-mode production build (GEMINI_API_KEY/SECRET set, pointed at its own
 * demo exchange): nothing a browser can receive, and nothing the server logs, holds the API secret,
 * the key, a request signature or a signed payload.
 */
import { createHmac } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_MASTER_KEY, DEMO_MASTER_SECRET } from "../lib/demo-exchange/credentials";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { liveEnv, signInEnv, TEST_USER } from "../testkit/sign-in";

/** What a live deployment holds: the demo master key's credentials. */
const CREDENTIALS = { GEMINI_API_KEY: DEMO_MASTER_KEY, GEMINI_API_SECRET: DEMO_MASTER_SECRET };
const PASSWORD_HASH = signInEnv.DASHBOARD_USERS.split(",")[0]!.slice(TEST_USER.username.length + 1);

/** Everything that must never appear, literally or in shape. */
const NEEDLES: { name: string; test: (text: string) => boolean }[] = [
  { name: "API secret", test: (text) => text.includes(CREDENTIALS.GEMINI_API_SECRET) },
  { name: "API key", test: (text) => text.includes(CREDENTIALS.GEMINI_API_KEY) },
  { name: "session secret", test: (text) => text.includes(signInEnv.SESSION_SECRET) },
  { name: "password hash", test: (text) => text.includes(PASSWORD_HASH) },
  { name: "password", test: (text) => text.includes(TEST_USER.password) },
  // An HMAC-SHA384 signature is 96 hex digits; a signed payload is base64 JSON starting {"request":"
  { name: "signature", test: (text) => /(^|[^0-9a-f])[0-9a-f]{96}([^0-9a-f]|$)/i.test(text) },
  { name: "base64 payload", test: (text) => text.includes("eyJyZXF1ZXN0Ijoi") },
  { name: "decoded payload", test: (text) => /"request"\s*:\s*"\/v1\//.test(text) },
  { name: "Gemini auth header", test: (text) => /X-GEMINI-(PAYLOAD|SIGNATURE|APIKEY)/i.test(text) },
];

function leaksIn(text: string): string[] {
  return NEEDLES.filter((needle) => needle.test(text)).map((needle) => needle.name);
}

let exchange: Running;
let app: Running;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // No balances cache: every request below must reach the exchange and meet the injected fault.
  exchange = await startExchange();
  app = await startApp({ env: { ...liveEnv(exchange.url), ...signInEnv, BALANCES_CACHE_TTL_MS: "0" } });
});

test.afterAll(async () => {
  await stopAll([app, exchange]);
});

async function signIn(request: APIRequestContext): Promise<string> {
  const response = await request.post(`${app.url}/api/auth/login`, { data: TEST_USER });
  expect(response.status()).toBe(200);
  return response.headers()["set-cookie"]!.split(";")[0]!;
}

test("the scanner finds a real signature, payload and secret (it can fail)", () => {
  const payload = Buffer.from(JSON.stringify({ request: "/v1/balances", nonce: "1" })).toString("base64");
  const signature = createHmac("sha384", CREDENTIALS.GEMINI_API_SECRET).update(payload).digest("hex");
  expect(leaksIn(`{"p":"${payload}"}`)).toContain("base64 payload");
  expect(leaksIn(`sig=${signature};`)).toContain("signature");
  expect(leaksIn(`x ${CREDENTIALS.GEMINI_API_SECRET} y`)).toContain("API secret");
  expect(leaksIn("nothing here")).toEqual([]);
});

test("no secret, key, signature or payload in .next/static", () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(".next/static");
  expect(files.some((file) => file.endsWith(".js"))).toBe(true);
  for (const file of files) expect(leaksIn(readFileSync(file, "latin1")), file).toEqual([]);
});

test("no secret in any page's HTML, RSC payload or headers, signed in or out", async ({ request }) => {
  const cookie = await signIn(request);
  const pages = ["/", "/?account=primary", "/login", "/no-such-page"];
  for (const path of pages) {
    for (const headers of [{}, { cookie }, { cookie, RSC: "1" }] as Record<string, string>[]) {
      const response = await request.get(`${app.url}${path}`, { headers, maxRedirects: 0 });
      const text = JSON.stringify(response.headersArray()) + (await response.text());
      expect(leaksIn(text), `${path} ${JSON.stringify(headers)}`).toEqual([]);
    }
  }
});

test("no secret in any API response, including upstream failures", async ({ request }) => {
  const cookie = await signIn(request);
  const before = ((await (await request.get(`${exchange.url}/__demo/stats`)).json()) as { total: number }).total;
  const accounts = (await (await request.get(`${app.url}/api/accounts`, { headers: { cookie } })).json()) as {
    accounts: { account: string }[];
  };
  const paths = ["/api/health", "/api/accounts", "/api/balances", "/api/balances?account=nope!", "/api/balances?account=ghost"];
  for (const { account } of accounts.accounts) {
    paths.push(`/api/balances?account=${account}`, `/api/balances?account=${account}&pending=true`);
  }
  const bodies: string[] = [];
  for (const path of paths) {
    for (const headers of [{}, { cookie }] as Record<string, string>[]) {
      const response = await request.get(`${app.url}${path}`, { headers });
      bodies.push(`${path} ${JSON.stringify(response.headersArray())} ${await response.text()}`);
    }
  }
  for (const kind of ["invalid-signature", "invalid-api-key", "html-500", "malformed-json", "invalid-nonce"]) {
    // Until cleared: reads are retried, so a one-shot 500 or InvalidNonce would not surface.
    await request.post(`${exchange.url}/__demo/faults`, { data: { kind } });
    const response = await request.get(`${app.url}/api/balances?account=primary`, { headers: { cookie } });
    expect(response.status(), kind).toBeGreaterThanOrEqual(400);
    bodies.push(`${kind} ${JSON.stringify(response.headersArray())} ${await response.text()}`);
    await request.delete(`${exchange.url}/__demo/faults`);
  }
  await request.delete(`${exchange.url}/__demo/faults`);
  const logout = await request.post(`${app.url}/api/auth/logout`, { headers: { cookie } });
  bodies.push(JSON.stringify(logout.headersArray()) + (await logout.text()));

  // The signed calls really happened, so there was something to leak.
  const after = ((await (await request.get(`${exchange.url}/__demo/stats`)).json()) as { total: number }).total;
  expect(after - before).toBeGreaterThan(paths.length);
  for (const body of bodies) expect(leaksIn(body), body.slice(0, 120)).toEqual([]);
});

test("the server's logs hold audit lines but no secret, key, signature or payload", async () => {
  const logs = app.output();
  const auditLines = logs
    .split("\n")
    .filter((line) => line.startsWith('{"audit":true'))
    .map((line) => JSON.parse(line) as { event: string; user: string | null; outcome: string; account?: string; time: string });
  expect(auditLines).toContainEqual(expect.objectContaining({ event: "login", user: TEST_USER.username, outcome: "ok" }));
  expect(auditLines).toContainEqual(expect.objectContaining({ event: "logout", user: TEST_USER.username }));
  expect(auditLines).toContainEqual(
    expect.objectContaining({ event: "balances_fetch", user: TEST_USER.username, account: "primary", outcome: "ok" }),
  );
  expect(auditLines).toContainEqual(
    expect.objectContaining({ event: "balances_fetch", account: "primary", outcome: "InvalidSignature" }),
  );
  for (const line of auditLines) expect(Number.isNaN(Date.parse(line.time))).toBe(false);
  expect(leaksIn(logs)).toEqual([]);
});

test("without TRUST_PROXY a client cannot pick its throttling address with X-Forwarded-For", async ({ request }) => {
  // lib/auth/throttle.ts's MAX_ADDRESS_FAILURES: failures from one address across usernames.
  for (let attempt = 0; attempt < 20; attempt++) {
    const response = await request.post(`${app.url}/api/auth/login`, {
      data: { username: `spray-${attempt}`, password: "guess" },
      headers: { "X-Forwarded-For": `192.0.2.${attempt + 1}` },
    });
    expect(response.status()).toBe(401);
  }
  const blocked = await request.post(`${app.url}/api/auth/login`, {
    data: TEST_USER,
    headers: { "X-Forwarded-For": "192.0.2.99" },
  });
  expect(blocked.status()).toBe(429);
  const failed = app
    .output()
    .split("\n")
    .filter((line) => line.includes('"event":"login_failed"'));
  // Unknown names are not logged (one may be a password typed in the wrong field).
  expect(failed.length).toBeGreaterThanOrEqual(5);
  for (const line of failed.slice(-5)) expect(JSON.parse(line)).toMatchObject({ user: null, address: "127.0.0.1" });
});
