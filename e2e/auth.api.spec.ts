/**
 * The sign-in boundary over real HTTP, on a production build in demo mode with DASHBOARD_USERS set.
 * AUTH trusts one proxy (TRUST_PROXY=true): the rightmost X-Forwarded-For entry is the client address,
 * so each test picks its own.
 */
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { apiRoutes } from "../testkit/app-routes";
import { AUTH } from "../testkit/e2e-servers";
import { TEST_USER, THROTTLED_USER } from "../testkit/sign-in";

const APP = AUTH.app;
const EXCHANGE = AUTH.exchange;
/** The only routes that answer without a session. */
// The demo's webhook receiver is authenticated by the HMAC signature, not a session (e2e/alerts-delivery.ui.spec.ts).
/** The SSO routes are how a session starts: they answer with redirects, never data (e2e/oidc.ui.spec.ts). */
const SSO_ROUTES = ["GET /api/auth/oidc/start", "GET /api/auth/oidc/callback"];
const PUBLIC_ROUTES = new Set(["GET /api/health", "POST /api/auth/login", "POST /api/alerts/demo-receiver", ...SSO_ROUTES]);
/** Vercel Cron has no session: this route takes its own bearer (CRON_SECRET), and without one configured it does not exist. */
const CRON_ROUTE = "GET /api/cron/snapshot";

test.use({ baseURL: APP });

/** lib/auth/throttle.ts's limits (that module is server-only, so they are repeated here). */
const MAX_LOGIN_FAILURES = 5;
const MAX_ADDRESS_FAILURES = 20;

let addressCounter = 0;
/** A fresh client address per call site, so throttling in one test never touches another. */
const freshAddress = () => `198.51.100.${++addressCounter}`;

async function upstreamTotal(request: APIRequestContext): Promise<number> {
  return ((await (await request.get(`${EXCHANGE}/__demo/stats`)).json()) as { total: number }).total;
}

async function signIn(request: APIRequestContext, credentials: { username: string; password: string }, address = freshAddress()) {
  return request.post("/api/auth/login", { data: credentials, headers: { "X-Forwarded-For": address } });
}

function sessionCookie(response: APIResponse): string {
  const header = response.headersArray().find((h) => h.name.toLowerCase() === "set-cookie")?.value ?? "";
  return header.split(";")[0]!;
}

test("every API route but health and login answers 401 unauthenticated without a session, and calls no exchange", async ({ request }) => {
  const routes = apiRoutes();
  expect(routes.map((route) => `${route.method} ${route.path}`)).toEqual(
    expect.arrayContaining(["GET /api/accounts", "GET /api/balances", "POST /api/auth/logout", CRON_ROUTE, ...PUBLIC_ROUTES]),
  );
  const before = await upstreamTotal(request);
  const sessionRoutes = routes.filter((route) => ![...PUBLIC_ROUTES, CRON_ROUTE].includes(`${route.method} ${route.path}`));
  for (const { method, path } of sessionRoutes) {
    for (const cookie of [undefined, "treasury_session=forged-or-expired"]) {
      const query = path === "/api/balances" ? "?account=primary" : "";
      const response = await request.fetch(path + query, { method, headers: cookie ? { cookie } : {} });
      expect(response.status(), `${method} ${path}`).toBe(401);
      expect(await response.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
      expect(response.headers()["cache-control"]).toBe("no-store, private");
    }
  }
  const cron = await request.get("/api/cron/snapshot");
  expect(cron.status()).toBe(404);
  expect(await cron.json()).toEqual({ error: { code: "cron_off", message: expect.any(String) } });
  expect(await upstreamTotal(request)).toBe(before);
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
});

test("without OIDC_ISSUER the SSO routes only send the browser to /login, setting no cookie", async ({ request }) => {
  for (const route of SSO_ROUTES) {
    const response = await request.get(`${route.split(" ")[1]}?code=x&state=y`, { maxRedirects: 0 });
    expect(response.status(), route).toBe(303);
    expect(response.headers()["location"]).toBe("/login");
    expect(response.headers()["set-cookie"]).toBeUndefined();
  }
});

test("a wrong password and an unknown user get the same 401 invalid_credentials", async ({ request }) => {
  const wrong = await signIn(request, { username: TEST_USER.username, password: "not it" });
  const unknown = await signIn(request, { username: "nobody", password: TEST_USER.password });
  expect(wrong.status()).toBe(401);
  expect(unknown.status()).toBe(401);
  expect(await wrong.json()).toEqual({ error: { code: "invalid_credentials", message: "Wrong username or password." } });
  expect(await unknown.json()).toEqual(await wrong.json());
  expect(wrong.headers()["set-cookie"]).toBeUndefined();
  expect((await signIn(request, { username: TEST_USER.username, password: "" })).status()).toBe(400);
});

test("sign-in sets an httpOnly, SameSite=Lax, path=/ cookie for 8 hours that opens the API; sign-out clears it", async ({ request }) => {
  const response = await signIn(request, TEST_USER);
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ user: TEST_USER.username });
  const setCookie = response.headers()["set-cookie"]!;
  expect(setCookie).toMatch(/^treasury_session=[^;]+;/);
  expect(setCookie).toContain("HttpOnly");
  expect(setCookie).toContain("SameSite=Lax");
  expect(setCookie).toContain("Path=/");
  expect(setCookie).toContain(`Max-Age=${8 * 3600 - 60}`);
  // Plain http to 127.0.0.1: a Secure cookie would never come back, so the production build leaves it off here only.
  expect(setCookie).not.toContain("Secure");
  const cookie = sessionCookie(response);

  // A real client (no cookie jar in this context): the cookie alone opens the API.
  const accounts = await request.get("/api/accounts", { headers: { cookie } });
  expect(accounts.status()).toBe(200);
  const balances = await request.get("/api/balances?account=primary", { headers: { cookie } });
  expect(balances.status()).toBe(200);
  expect(balances.headers()["cache-control"]).toBe("no-store, private");

  const logout = await request.post("/api/auth/logout", { headers: { cookie } });
  expect(logout.status()).toBe(200);
  expect(logout.headers()["set-cookie"]).toMatch(/^treasury_session=;.*Max-Age=0/);
  const afterLogout = await request.get("/api/accounts");
  expect(afterLogout.status()).toBe(401);
  // A client that kept the cookie holds a sealed, unexpired value, but its session has ended in the store.
  const replayed = await request.get("/api/accounts", { headers: { cookie } });
  expect(replayed.status()).toBe(401);
  expect(await replayed.json()).toEqual({ error: { code: "unauthenticated", message: expect.any(String) } });
});

test("the cookie is Secure when the request came over https (as Next reports via X-Forwarded-Proto)", async ({ request }) => {
  const response = await request.post("/api/auth/login", {
    data: TEST_USER,
    headers: { "X-Forwarded-For": freshAddress(), "X-Forwarded-Proto": "https" },
  });
  expect(response.status()).toBe(200);
  expect(response.headers()["set-cookie"]).toContain("Secure");
});

test("over https the cookie is __Host- prefixed (Secure, Path=/, no Domain), and only that name opens the API there", async ({ request }) => {
  const https = { "X-Forwarded-Proto": "https" };
  const response = await request.post("/api/auth/login", { data: TEST_USER, headers: { ...https, "X-Forwarded-For": freshAddress() } });
  expect(response.status()).toBe(200);
  const setCookie = response.headers()["set-cookie"]!;
  expect(setCookie).toMatch(/^__Host-treasury_session=[^;]+;/);
  expect(setCookie).toContain("Secure");
  expect(setCookie).toContain("Path=/");
  expect(setCookie).not.toMatch(/Domain=/i);
  const cookie = sessionCookie(response);
  expect((await request.get("/api/accounts", { headers: { ...https, cookie } })).status()).toBe(200);
  // The same sealed value under the plain name is not read on https: the prefix is what protects it.
  const unprefixed = cookie.replace(/^__Host-/, "");
  expect((await request.get("/api/accounts", { headers: { ...https, cookie: unprefixed } })).status()).toBe(401);
  const logout = await request.post("/api/auth/logout", { headers: { ...https, cookie } });
  expect(logout.status()).toBe(200);
  expect(logout.headers()["set-cookie"]).toMatch(/^__Host-treasury_session=;.*Max-Age=0/);
});

test("a cross-site Origin is refused on sign-in and sign-out with 403 forbidden_origin", async ({ request }) => {
  for (const path of ["/api/auth/login", "/api/auth/logout"]) {
    const response = await request.post(path, {
      data: TEST_USER,
      headers: { Origin: "https://evil.example", "X-Forwarded-For": freshAddress() },
    });
    expect(response.status(), path).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden_origin");
    expect(response.headers()["set-cookie"]).toBeUndefined();
  }
  const sameSite = await request.post("/api/auth/login", {
    data: TEST_USER,
    headers: { Origin: APP, "X-Forwarded-For": freshAddress() },
  });
  expect(sameSite.status()).toBe(200);
});

test("after 5 failures for one username from one address: 429 there, even for the right password; not from another address", async ({ request }) => {
  const attacker = freshAddress();
  for (let attempt = 0; attempt < MAX_LOGIN_FAILURES; attempt++) {
    expect((await signIn(request, { username: THROTTLED_USER.username, password: `wrong-${attempt}` }, attacker)).status()).toBe(401);
  }
  const blocked = await signIn(request, THROTTLED_USER, attacker);
  expect(blocked.status()).toBe(429);
  expect((await blocked.json()).error.code).toBe("too_many_attempts");
  const retryAfter = Number(blocked.headers()["retry-after"]);
  expect(retryAfter).toBeGreaterThan(14 * 60);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
  expect(blocked.headers()["set-cookie"]).toBeUndefined();
  // The attacker's failures do not lock the right person out: from their own address they sign in.
  expect((await signIn(request, THROTTLED_USER, freshAddress())).status()).toBe(200);
  expect((await signIn(request, TEST_USER, attacker)).status()).toBe(200);
});

test(`after ${MAX_ADDRESS_FAILURES} failures from one client address: 429 for any username from it, not from elsewhere`, async ({ request }) => {
  const address = freshAddress();
  for (let attempt = 0; attempt < MAX_ADDRESS_FAILURES; attempt++) {
    expect((await signIn(request, { username: `sprayed-${attempt}`, password: "guess" }, address)).status()).toBe(401);
  }
  const blocked = await signIn(request, TEST_USER, address);
  expect(blocked.status()).toBe(429);
  expect(Number(blocked.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await signIn(request, TEST_USER, freshAddress())).status()).toBe(200);
});

test("the client address is the proxy's entry at the right of X-Forwarded-For: a client-chosen entry to its left changes nothing", async ({ request }) => {
  const address = freshAddress();
  const spoofed = (attempt: number) => `203.0.113.${attempt + 1}, ${address}`;
  for (let attempt = 0; attempt < MAX_ADDRESS_FAILURES; attempt++) {
    expect((await signIn(request, { username: `spoofer-${attempt}`, password: "guess" }, spoofed(attempt))).status()).toBe(401);
  }
  expect((await signIn(request, TEST_USER, spoofed(99))).status()).toBe(429);
  expect((await signIn(request, TEST_USER, address)).status()).toBe(429);
});

test("a burst of parallel guesses for one username from one address gets at most 5 password checks", async ({ request }) => {
  const address = freshAddress();
  const responses = await Promise.all(
    Array.from({ length: 12 }, (_, attempt) => signIn(request, { username: "burst-target", password: `guess-${attempt}` }, address)),
  );
  const statuses = responses.map((response) => response.status()).sort();
  expect(statuses.filter((status) => status === 401)).toHaveLength(MAX_LOGIN_FAILURES);
  expect(statuses.filter((status) => status === 429)).toHaveLength(7);
});
