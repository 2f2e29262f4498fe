/**
 * Single sign-on against a real OpenID Provider (`oidc-provider`, testkit/oidc-provider.ts) in
 * Chromium, on the production build over real HTTP: sign-in lands on the dashboard with the role
 * the groups map to; a user with no mapped group, a tampered state, a replayed code and ID tokens
 * that are expired, for another audience, from another issuer or with another nonce are each
 * refused with no session and an audit row; sign-out goes through the provider's
 * end_session_endpoint; with the provider down the page says so and local users still sign in.
 *
 * The bad ID tokens come from the provider's own token endpoint, signed with its own key, with
 * exactly one claim changed (tamperNextIdToken); a control sign-in through the same re-signing
 * with nothing changed succeeds, so each refusal is the app's check of that claim.
 */
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import type { AuditEventJson, AuditPageJson } from "../lib/audit/types";
import { OIDC_ACCOUNT_MAP, OIDC_ROLE_MAP, OIDC_USERS, startOidcProvider, type TestProvider } from "../testkit/oidc-provider";
import { freePort, localUrl, startApp, stopAll, type Running } from "../testkit/processes";
import { fillAndSubmit, signInEnv, TEST_USER } from "../testkit/sign-in";

const CALLBACK = "/api/auth/oidc/callback";
const DISPLAY_NAME = "Acme ID";
const CLIENT = { clientId: "treasury-dashboard", clientSecret: "treasury-dashboard-test-secret" };
const SESSION = /^(__Host-)?treasury_session$/;
const TRANSACTION = "treasury_oidc";

const oidcEnv = (issuer: string) => ({
  ...signInEnv,
  OIDC_ISSUER: issuer,
  OIDC_CLIENT_ID: CLIENT.clientId,
  OIDC_CLIENT_SECRET: CLIENT.clientSecret,
  // Okta and others put groups in the ID token only when the groups scope is asked for.
  OIDC_SCOPES: "openid email profile groups",
  OIDC_DISPLAY_NAME: DISPLAY_NAME,
  OIDC_ROLE_MAP,
  OIDC_ACCOUNT_MAP,
});

let provider: TestProvider | undefined;
let app: Running;
/** An app whose provider is down: nothing listens at its OIDC_ISSUER. */
let orphan: Running | undefined;

test.beforeAll(async () => {
  // The app needs the issuer's address, the provider the app's redirect URI: the port comes first.
  const providerPort = await freePort();
  app = await startApp({ env: oidcEnv(localUrl(providerPort)) });
  provider = await startOidcProvider(providerPort, {
    clients: [{ ...CLIENT, redirectUris: [`${app.url}${CALLBACK}`], postLogoutRedirectUris: [`${app.url}/login`] }],
    users: Object.fromEntries(Object.entries(OIDC_USERS).map(([name, user]) => [name, { email: user.email, groups: [...user.groups] }])),
  });
});

test.afterAll(async () => {
  await stopAll([provider, app, orphan]);
});

test.beforeEach(async ({ context }) => {
  // The provider's dev login page imports a web font; nothing here may leave the machine.
  await context.route(/^https:\/\/fonts\.googleapis\.com\//, (route) => route.abort());
});

async function signInAtProvider(page: Page, user: keyof typeof OIDC_USERS, base = app.url): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByRole("link", { name: `Sign in with ${DISPLAY_NAME}` }).click();
  await page.locator('input[name="login"]').fill(user);
  await page.locator('input[name="password"]').fill("any password: the test provider takes any");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

async function sessionCookies(context: BrowserContext) {
  return (await context.cookies(app.url)).filter((cookie) => SESSION.test(cookie.name));
}

/** The role the app gives this browser's session: alerts:manage is admin's, audit:read auditor's. */
async function roleOf(page: Page): Promise<string> {
  const rules = await page.request.get(`${app.url}/api/alerts/rules`);
  if (rules.status() === 200) return "admin";
  const body = (await rules.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("forbidden_role");
  return /Your role \((\w+)\)/.exec(body.error.message)?.[1] ?? "none";
}

/** Events of the kept trail since `since`, read by the local admin over plain HTTP. */
async function auditSince(since: string, event: string): Promise<AuditEventJson[]> {
  const login = await fetch(`${app.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(TEST_USER),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0]!;
  const response = await fetch(`${app.url}/api/audit?event=${event}&from=${encodeURIComponent(since)}`, { headers: { cookie } });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as AuditPageJson).events;
}

/** Refused: back on /login with the page's explanation, no session cookie, the API says unauthenticated, and one audit row. */
async function expectRefused(page: Page, since: string, event: "login_failed" | "oidc_refused", outcome: string, text: RegExp): Promise<AuditEventJson> {
  await expect(page).toHaveURL(new RegExp(`/login\\?sso_error=${outcome}$`));
  await expect(page.getByTestId("sso-error")).toHaveText(text);
  expect(await sessionCookies(page.context())).toEqual([]);
  expect((await page.context().cookies(app.url)).map((cookie) => cookie.name)).not.toContain(TRANSACTION);
  expect((await page.request.get(`${app.url}/api/balances?account=primary`)).status()).toBe(401);
  const rows = (await auditSince(since, event)).filter((row) => row.outcome === outcome);
  expect(rows, `one ${event} row with outcome ${outcome}`).toHaveLength(1);
  expect(rows[0]!.details.source).toBe("oidc");
  return rows[0]!;
}

const now = () => new Date(Date.now() - 1_000).toISOString();
const CHECKS_FAILED = /failed the dashboard's checks, so you were not signed in/;

test.describe.configure({ mode: "serial" });

test("signing in through the provider lands on the dashboard with the mapped role, audited with source oidc", async ({ page }) => {
  const since = now();
  await page.goto(`${app.url}/login`);
  // Both ways in: the provider's button and the local break-glass form.
  await expect(page.getByLabel("Username")).toBeVisible();
  await signInAtProvider(page, "alice");
  await expect(page).toHaveURL(`${app.url}/`);
  await expect(page.getByTestId("signed-in-user")).toHaveText(OIDC_USERS.alice.email);
  // staff (viewer) and treasury-admins (admin): the highest wins.
  expect(await roleOf(page)).toBe("admin");
  expect((await sessionCookies(page.context())).length).toBe(1);
  const logins = (await auditSince(since, "login")).filter((row) => row.user === OIDC_USERS.alice.email);
  expect(logins).toHaveLength(1);
  expect(logins[0]!.details).toMatchObject({ source: "oidc", role: "admin" });
});

test("groups map to roles: finance is an auditor, staff a viewer", async ({ browser }) => {
  const bob = await browser.newPage();
  await bob.context().route(/^https:\/\/fonts\.googleapis\.com\//, (route) => route.abort());
  await signInAtProvider(bob, "bob");
  await expect(bob.getByTestId("signed-in-user")).toHaveText(OIDC_USERS.bob.email);
  expect(await roleOf(bob)).toBe("auditor");
  // OIDC_ACCOUNT_MAP's accounts ride in the session's principal (lib/auth/oidc-claims.test.ts);
  // refusing other accounts is the principal's job wherever accounts are enforced, not this flow's.
  expect((await bob.request.get(`${app.url}/api/balances?account=primary`)).status()).toBe(200);
  await bob.close();

  const victor = await browser.newPage();
  await victor.context().route(/^https:\/\/fonts\.googleapis\.com\//, (route) => route.abort());
  await signInAtProvider(victor, "victor");
  await expect(victor.getByTestId("signed-in-user")).toHaveText(OIDC_USERS.victor.email);
  expect(await roleOf(victor)).toBe("viewer");
  await victor.close();
});

test("a user whose groups map to no role is refused with a page saying so, audited, no session, no default role", async ({ page }) => {
  const since = now();
  await signInAtProvider(page, "dave");
  const row = await expectRefused(page, since, "oidc_refused", "no_role", /your account is in no group that has a role on this dashboard/);
  expect(row.user).toBe(OIDC_USERS.dave.email);
});

/**
 * The browser's part of the code flow over plain HTTP, stopped where the provider sends it back:
 * the callback URL (code, state, iss) and the sealed transaction cookie. Chromium cannot be
 * stopped there (Playwright does not route requests that a redirect made).
 */
async function codeForCallback(user: keyof typeof OIDC_USERS): Promise<{ callbackUrl: string; transaction: string }> {
  const jar = new Map<string, string>();
  const go = async (url: string, init: { method?: string; body?: string } = {}): Promise<string> => {
    const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
    const headers: Record<string, string> = { cookie, ...(init.body ? { "content-type": "application/x-www-form-urlencoded" } : {}) };
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    await response.arrayBuffer();
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      jar.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
    }
    expect(response.status, url).toBe(303);
    return new URL(response.headers.get("location")!, url).href;
  };
  const authorize = await go(`${app.url}/api/auth/oidc/start?next=%2F`);
  const transaction = jar.get(TRANSACTION)!;
  const interaction = await go(authorize);
  const resume = await go(interaction, { method: "POST", body: new URLSearchParams({ prompt: "login", login: user, password: "any" }).toString() });
  const callbackUrl = await go(resume);
  expect(callbackUrl.startsWith(`${app.url}${CALLBACK}?`), callbackUrl).toBe(true);
  return { callbackUrl, transaction };
}

/** The callback as the browser would call it, with the transaction cookie it holds (if any). */
async function callBack(url: string, transaction: string | null): Promise<{ location: string; cookies: string[] }> {
  const response = await fetch(url, { redirect: "manual", headers: transaction ? { cookie: `${TRANSACTION}=${transaction}` } : {} });
  await response.arrayBuffer();
  expect(response.status).toBe(303);
  return { location: response.headers.get("location")!, cookies: response.headers.getSetCookie() };
}

/** Refused over HTTP: sent to /login with the reason, no session cookie set, one audit row. */
async function expectRefusedOverHttp(answer: { location: string; cookies: string[] }, since: string, outcome: string): Promise<void> {
  expect(answer.location).toBe(`/login?sso_error=${outcome}`);
  expect(answer.cookies.map((cookie) => cookie.split("=")[0]!).filter((name) => SESSION.test(name))).toEqual([]);
  const rows = (await auditSince(since, "login_failed")).filter((row) => row.outcome === outcome);
  expect(rows, `one login_failed row with outcome ${outcome}`).toHaveLength(1);
  expect(rows[0]!.details.source).toBe("oidc");
}

const signedIn = (answer: { location: string; cookies: string[] }) =>
  answer.location === "/" && answer.cookies.some((cookie) => SESSION.test(cookie.split("=")[0]!));

test("a tampered state is refused; the untampered callback then still works", async () => {
  const since = now();
  const { callbackUrl, transaction } = await codeForCallback("victor");
  const tampered = new URL(callbackUrl);
  tampered.searchParams.set("state", `${tampered.searchParams.get("state")}x`);
  await expectRefusedOverHttp(await callBack(tampered.href, transaction), since, "state_mismatch");
  // The refusal was the state's alone: the same code with the right state signs in.
  expect(signedIn(await callBack(callbackUrl, transaction))).toBe(true);
});

test("a replayed code is refused, even with the transaction cookie copied from the first use", async () => {
  const { callbackUrl, transaction } = await codeForCallback("victor");
  expect(signedIn(await callBack(callbackUrl, transaction))).toBe(true);
  const since = now();
  await expectRefusedOverHttp(await callBack(callbackUrl, transaction), since, "code_rejected");
  // Without the cookie the callback is refused before the provider is asked.
  await expectRefusedOverHttp(await callBack(callbackUrl, null), since, "no_transaction");
});

test("the same re-signing with nothing changed signs in: the control for the ID token cases below", async ({ page }) => {
  await provider!.tamperNextIdToken({});
  await signInAtProvider(page, "victor");
  await expect(page.getByTestId("signed-in-user")).toHaveText(OIDC_USERS.victor.email);
});

const seconds = () => Math.floor(Date.now() / 1000);
const BAD_ID_TOKENS: { name: string; outcome: string; claims: () => Record<string, unknown> }[] = [
  { name: "another nonce", outcome: "nonce_mismatch", claims: () => ({ nonce: "a-nonce-this-browser-never-sent" }) },
  { name: "an expired ID token", outcome: "id_token_expired", claims: () => ({ iat: seconds() - 7_200, exp: seconds() - 3_600 }) },
  { name: "another audience", outcome: "wrong_audience", claims: () => ({ aud: "another-client" }) },
  { name: "another issuer", outcome: "issuer_mismatch", claims: () => ({ iss: `${provider!.url}/another-issuer` }) },
];

for (const bad of BAD_ID_TOKENS) {
  test(`an ID token with ${bad.name} is refused`, async ({ page }) => {
    const since = now();
    await provider!.tamperNextIdToken(bad.claims());
    await signInAtProvider(page, "alice");
    await expectRefused(page, since, "login_failed", bad.outcome, CHECKS_FAILED);
  });
}

test("signing out ends the session and goes through the provider's end_session_endpoint back to /login", async ({ page }) => {
  const since = now();
  await signInAtProvider(page, "alice");
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  // The count in seconds appears once React has hydrated: a click before that would do nothing.
  await expect(page.getByTestId("freshness")).toHaveText(/\d+ s ago/);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`^${provider!.url}/session/end`));
  expect(new URL(page.url()).searchParams.get("id_token_hint")).toBeTruthy();
  expect(await sessionCookies(page.context())).toEqual([]);
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${app.url}/login`);
  const logouts = (await auditSince(since, "logout")).filter((row) => row.user === OIDC_USERS.alice.email);
  expect(logouts[0]?.details).toMatchObject({ source: "oidc", provider_sign_out: "yes" });
});

test("with the provider down the page says so, the refusal is audited, and a local user still signs in", async ({ page }) => {
  orphan = await startApp({ env: oidcEnv(localUrl(await freePort())) });
  await page.goto(`${orphan.url}/login`);
  await page.getByRole("link", { name: `Sign in with ${DISPLAY_NAME}` }).click();
  await expect(page).toHaveURL(`${orphan.url}/login?sso_error=provider_unavailable`);
  await expect(page.getByTestId("sso-error")).toHaveText(`${DISPLAY_NAME} could not be reached, so single sign-on is unavailable right now. Try again later.`);
  await fillAndSubmit(page, TEST_USER.username, TEST_USER.password);
  await expect(page.getByTestId("signed-in-user")).toHaveText(TEST_USER.username);
  const failed = await page.request.get(`${orphan.url}/api/audit?event=login_failed`);
  const rows = ((await failed.json()) as AuditPageJson).events;
  expect(rows.map((row) => [row.outcome, row.details.source])).toContainEqual(["provider_unavailable", "oidc"]);
});

test("LOCAL_LOGIN=off: /login offers single sign-on only, and local sign-in is refused before any password is checked", async ({ page }) => {
  const ssoOnly = await startApp({ env: { ...oidcEnv(provider!.url), LOCAL_LOGIN: "off" } });
  try {
    await page.goto(`${ssoOnly.url}/login`);
    await expect(page.getByRole("link", { name: `Sign in with ${DISPLAY_NAME}` })).toBeVisible();
    await expect(page.getByLabel("Username")).toHaveCount(0);
    const login = await fetch(`${ssoOnly.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(TEST_USER),
    });
    expect(login.status).toBe(403);
    expect(((await login.json()) as { error: { code: string } }).error.code).toBe("local_login_off");
    expect(login.headers.getSetCookie()).toEqual([]);
  } finally {
    await ssoOnly.stop();
  }
});

test("a public client (no OIDC_CLIENT_SECRET, PKCE only) signs in the same way", async ({ page }) => {
  const providerPort = await freePort();
  const { OIDC_CLIENT_SECRET: _secret, ...publicEnv } = oidcEnv(localUrl(providerPort));
  const publicApp = await startApp({ env: { ...publicEnv, OIDC_CLIENT_ID: "treasury-public" } });
  const publicProvider = await startOidcProvider(providerPort, {
    clients: [{ clientId: "treasury-public", redirectUris: [`${publicApp.url}${CALLBACK}`], postLogoutRedirectUris: [`${publicApp.url}/login`] }],
    users: { victor: { email: OIDC_USERS.victor.email, groups: [...OIDC_USERS.victor.groups] } },
  });
  try {
    await signInAtProvider(page, "victor", publicApp.url);
    await expect(page).toHaveURL(`${publicApp.url}/`);
    await expect(page.getByTestId("signed-in-user")).toHaveText(OIDC_USERS.victor.email);
  } finally {
    await stopAll([publicProvider, publicApp]);
  }
});
