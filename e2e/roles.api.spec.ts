/**
 * Roles and account scopes over real HTTP, on the production build (the ROLES app: a user per
 * role, and each role limited to treasury and payroll). Every API route for every user, with the
 * status and code expected; a scoped user's refused requests make no upstream call and are
 * audited; and nothing a scoped user receives (JSON, CSV, page HTML, RSC payload) holds another
 * account's name or figure, taken from what an unscoped admin reads of those accounts.
 */
import { expect, test } from "@playwright/test";
import type { AuditPageJson } from "../lib/audit/types";
import type { BalancesResponse } from "../lib/balances/types";
import type { SnapshotsResponse, StatementJson } from "../lib/snapshots/types";
import type { OverviewResponse, ValuationResponse } from "../lib/treasury/types";
import { apiRoutes } from "../testkit/app-routes";
import { demoExchange } from "../testkit/demo-exchange";
import { ROLES } from "../testkit/e2e-servers";
import { ROLE_USERS, SCOPED_ACCOUNTS, type RoleUser } from "../testkit/sign-in";

const APP = ROLES.app;
const exchange = demoExchange(ROLES.exchange);
const USERS = Object.keys(ROLE_USERS) as RoleUser[];
/** The demo group's accounts the scoped users may not see, with their display names. */
const OTHER_ACCOUNTS = { primary: "Operating", "legacy-otc": "Legacy OTC Desk", "cold-storage": "Cold Storage" } as const;

// Plain fetch: no cookie jar, so each request carries exactly the session it is given.
async function signIn(user: RoleUser): Promise<string> {
  const response = await fetch(`${APP}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ROLE_USERS[user]),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (response.headers.get("set-cookie") ?? "").split(";")[0]!;
}

const sessions = new Map<RoleUser, string>();
test.beforeAll(async () => {
  for (const user of USERS) sessions.set(user, await signIn(user));
});

function call(user: RoleUser, path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  const headers = { cookie: sessions.get(user)!, ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...init.headers };
  return fetch(`${APP}${path}`, { method: init.method ?? "GET", body: init.body, headers, redirect: "manual" });
}

async function json<T>(user: RoleUser, path: string): Promise<T> {
  const response = await call(user, path);
  expect(response.status, `${user} ${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

const NOW = () => new Date().toISOString();

/** What each user gets: a status, or a status and the error code. */
type Expected = number | [number, string];
const ROLE = [403, "forbidden_role"] as const satisfies Expected;
const ACCOUNT = [403, "forbidden_account"] as const satisfies Expected;
type Row = { method?: string; path: string | (() => string); body?: string } & Record<RoleUser, Expected>;

/** Same for every user. */
const all = (expected: Expected): Record<RoleUser, Expected> => Object.fromEntries(USERS.map((user) => [user, expected])) as Record<RoleUser, Expected>;
/** By role: [viewer, auditor, admin], the scoped users as their role unless given. */
function byRole(viewer: Expected, auditor: Expected, admin: Expected, scoped: Partial<Record<"viewer" | "auditor" | "admin", Expected>> = {}) {
  return {
    viewer,
    auditor,
    admin,
    scopedViewer: scoped.viewer ?? viewer,
    scopedAuditor: scoped.auditor ?? auditor,
    scopedAdmin: scoped.admin ?? admin,
  };
}

/** Sign-in, sign-out and sign-out everywhere change the sessions the matrix runs on: tested below and in the auth, sessions and OIDC specs. */
const ROUTES_WITH_THEIR_OWN_TESTS = new Set(["/api/auth/login", "/api/auth/logout", "/api/auth/sessions/end-mine", "/api/auth/oidc/start", "/api/auth/oidc/callback"]);

let snapshotId = 0;
/** Every route of app/api, with what each user gets. Writes carry a body the handler refuses, so a 4xx past authorization changes nothing. */
const MATRIX: Row[] = [
  { path: "/api/health", ...all(200) },
  { path: "/api/roles", ...all(200) },
  { path: "/api/accounts", ...all(200) },
  { path: "/api/balances?account=treasury", ...all(200) },
  { path: "/api/balances?account=primary", ...byRole(200, 200, 200, { viewer: ACCOUNT, auditor: ACCOUNT, admin: ACCOUNT }) },
  { path: "/api/balances?account=no-such-account", ...byRole([404, "account_not_found"], [404, "account_not_found"], [404, "account_not_found"], { viewer: ACCOUNT, auditor: ACCOUNT, admin: ACCOUNT }) },
  { path: "/api/valuation?account=payroll", ...all(200) },
  { path: "/api/valuation?account=primary", ...byRole(200, 200, 200, { viewer: ACCOUNT, auditor: ACCOUNT, admin: ACCOUNT }) },
  { path: "/api/overview", ...all(200) },
  { path: "/api/overview/stored", ...all(200) },
  { path: () => `/api/statement?at=${NOW()}`, ...all(200) },
  { path: () => `/api/statement?at=${NOW()}&account=primary`, ...byRole(200, 200, 200, { viewer: ACCOUNT, auditor: ACCOUNT, admin: ACCOUNT }) },
  { path: "/api/balances.csv?account=treasury", ...byRole(ROLE, 200, 200) },
  { path: "/api/balances.csv?account=primary", ...byRole(ROLE, 200, 200, { auditor: ACCOUNT, admin: ACCOUNT }) },
  { path: () => `/api/statement.csv?at=${NOW()}`, ...byRole(ROLE, 200, 200) },
  { path: "/api/history", ...byRole(ROLE, 200, 200) },
  { path: "/api/history?account=primary", ...byRole(ROLE, 200, 200, { auditor: ACCOUNT, admin: ACCOUNT }) },
  // Every connection summed: each read within the caller's scope, so a scoped user gets their accounts' sums, not a refusal.
  { path: "/api/history?connection=all", ...byRole(ROLE, 200, 200) },
  { path: "/api/history?connection=all&account=primary", ...byRole(ROLE, [400, "bad_request"], [400, "bad_request"]) },
  { path: "/api/snapshots", ...byRole(ROLE, 200, 200) },
  { path: () => `/api/snapshots/${snapshotId}`, ...byRole(ROLE, 200, 200) },
  { method: "POST", path: "/api/snapshots?x=1", ...byRole(ROLE, ROLE, [400, "bad_request"], { admin: ACCOUNT }) },
  { path: "/api/audit", ...byRole(ROLE, 200, 200, { auditor: ACCOUNT, admin: ACCOUNT }) },
  { path: "/api/audit.csv", ...byRole(ROLE, 200, 200, { auditor: ACCOUNT, admin: ACCOUNT }) },
  { path: "/api/audit/verify", ...byRole(ROLE, 200, 200, { auditor: ACCOUNT, admin: ACCOUNT }) },
  { path: "/api/alerts/rules", ...byRole(ROLE, ROLE, 200, { admin: ACCOUNT }) },
  { method: "POST", path: "/api/alerts/rules", body: "{}", ...byRole(ROLE, ROLE, [400, "alert_rule_invalid"], { admin: ACCOUNT }) },
  { method: "PATCH", path: "/api/alerts/rules/999999", body: "{}", ...byRole(ROLE, ROLE, [400, "alert_rule_invalid"], { admin: ACCOUNT }) },
  { method: "DELETE", path: "/api/alerts/rules/999999", ...byRole(ROLE, ROLE, [404, "alert_rule_not_found"], { admin: ACCOUNT }) },
  { path: "/api/alerts/events", ...byRole(ROLE, ROLE, 200, { admin: ACCOUNT }) },
  { path: "/api/alerts/destinations", ...byRole(ROLE, ROLE, 200, { admin: ACCOUNT }) },
  { method: "POST", path: "/api/alerts/destinations", body: "{}", ...byRole(ROLE, ROLE, [400, "bad_request"], { admin: ACCOUNT }) },
  { method: "PATCH", path: "/api/alerts/destinations/999999", body: "{}", ...byRole(ROLE, ROLE, [404, "alert_destination_not_found"], { admin: ACCOUNT }) },
  { method: "DELETE", path: "/api/alerts/destinations/999999", ...byRole(ROLE, ROLE, [404, "alert_destination_not_found"], { admin: ACCOUNT }) },
  { method: "POST", path: "/api/alerts/destinations/999999/test", ...byRole(ROLE, ROLE, [404, "alert_destination_not_found"], { admin: ACCOUNT }) },
  { path: "/api/alerts/deliveries", ...byRole(ROLE, ROLE, 200, { admin: ACCOUNT }) },
  { path: "/api/alerts/demo-receiver", ...byRole(ROLE, ROLE, 200, { admin: ACCOUNT }) },
  // Public: the HMAC signature or the cron secret is the credential, whoever is signed in.
  { method: "POST", path: "/api/alerts/demo-receiver", body: "{}", ...all([401, "alert_signature_invalid"]) },
  { path: "/api/cron/snapshot", ...all([404, "cron_off"]) },
  // Sessions are every user's: admins only, and not an admin limited to some accounts.
  { path: "/api/auth/sessions", ...byRole(ROLE, ROLE, 200, { admin: ACCOUNT }) },
  { method: "DELETE", path: "/api/auth/sessions/999999", ...byRole(ROLE, ROLE, [404, "session_not_found"], { admin: ACCOUNT }) },
];

test("every API route answers each role and each scoped user as the README's Roles and scopes section says", async () => {
  snapshotId = (await json<SnapshotsResponse>("admin", "/api/snapshots")).snapshots[0]!.id;
  const failures: string[] = [];
  for (const row of MATRIX) {
    for (const user of USERS) {
      const path = typeof row.path === "string" ? row.path : row.path();
      const response = await call(user, path, { method: row.method, body: row.body });
      const text = await response.text();
      const expected = row[user];
      const [status, code] = typeof expected === "number" ? [expected, undefined] : expected;
      const gotCode = text.startsWith('{"error"') ? (JSON.parse(text) as { error: { code: string } }).error.code : undefined;
      if (response.status !== status || (code !== undefined && gotCode !== code)) {
        failures.push(`${row.method ?? "GET"} ${path} as ${user}: expected ${status}${code ? ` ${code}` : ""}, got ${response.status} ${gotCode ?? ""}`);
      }
    }
  }
  expect(failures).toEqual([]);
  // Every route of app/api is in the matrix, read from the tree so a new route cannot be missed.
  const covered = new Set(MATRIX.map((row) => (typeof row.path === "string" ? row.path : row.path()).split("?")[0]!.replace(/\/\d+(?=\/|$)/, "/[id]")));
  for (const route of new Set(apiRoutes().map(({ path }) => path)).difference(ROUTES_WITH_THEIR_OWN_TESTS)) {
    expect(covered, route).toContain(route);
  }
});

test("sign-out answers every user", async () => {
  for (const user of USERS) {
    const cookie = await signIn(user);
    const response = await fetch(`${APP}/api/auth/logout`, { method: "POST", headers: { cookie } });
    expect(response.status, user).toBe(200);
  }
});

test("a scoped user's request for another account is refused before any upstream call, and audited as access_denied / forbidden_account", async () => {
  // Warm the account list and the key's roles, so only the refused requests could reach the exchange.
  await json("scopedAuditor", "/api/accounts");
  const before = await exchange.stats();
  for (const path of ["/api/balances?account=primary", "/api/valuation?account=primary&currency=eur", "/api/balances.csv?account=cold-storage", "/api/balances?account=legacy-otc&pending=true"]) {
    const response = await call("scopedAuditor", path);
    expect(response.status, path).toBe(403);
    expect(await response.json()).toEqual({ error: { code: "forbidden_account", message: expect.stringMatching(/^Your access does not include the account '[a-z-]+'\.$/) } });
  }
  expect((await exchange.stats()).total).toBe(before.total);

  const trail = await json<AuditPageJson>("admin", `/api/audit?event=access_denied&user=scoped-auditor`);
  const refused = trail.events.filter((event) => event.outcome === "forbidden_account").map((event) => event.account);
  expect(refused).toEqual(expect.arrayContaining(["primary", "cold-storage", "legacy-otc"]));
});

/** Another account's names and distinctive figures, as an unscoped admin reads them. */
async function otherAccountsMarks(): Promise<string[]> {
  const marks: string[] = [...Object.values(OTHER_ACCOUNTS), "legacy-otc", "cold-storage"];
  // Every figure of the scoped accounts, in every view of them, so a shared round number is not taken for a leak.
  const own = new Set<string>();
  for (const account of SCOPED_ACCOUNTS) {
    for (const path of [`/api/balances?account=${account}&pending=true`, `/api/valuation?account=${account}`, `/api/valuation?account=${account}&currency=eur`, `/api/statement?at=${NOW()}&account=${account}`]) {
      for (const figure of JSON.stringify(await json("admin", path)).match(/\d[\d.]*/g) ?? []) own.add(figure);
    }
  }
  const figures = (balances: BalancesResponse["balances"]) => balances.flatMap((balance) => [balance.amount, balance.available, balance.availableForWithdrawal]);
  const other: string[] = [];
  other.push(...figures((await json<BalancesResponse>("admin", "/api/balances?account=primary")).balances));
  const valuation = await json<ValuationResponse>("admin", "/api/valuation?account=primary");
  other.push(valuation.total, ...valuation.values.map((value) => value.amountNotional));
  const overview = await json<OverviewResponse>("admin", "/api/overview");
  other.push(overview.total);
  const statement = await json<StatementJson>("admin", `/api/statement?at=${NOW()}&account=primary`);
  other.push(...statement.balances.flatMap((row) => [row.amount, row.valueUsd ?? ""]));
  const wholeStatement = await json<StatementJson>("admin", `/api/statement?at=${NOW()}`);
  other.push(wholeStatement.totalUsd ?? "");
  // Distinctive: long enough not to occur by chance, and not also a figure of the scoped accounts.
  marks.push(...new Set(other.filter((figure) => figure.replace(/\D/g, "").length >= 6 && !own.has(figure))));
  return marks;
}

test("nothing a scoped user receives (JSON, CSV, page HTML, RSC payload) holds another account's name or figure", async () => {
  const marks = await otherAccountsMarks();
  expect(marks.length).toBeGreaterThan(10);
  const at = NOW();
  const snapshots = await json<SnapshotsResponse>("scopedAuditor", "/api/snapshots");
  const bodies: [string, string][] = [];
  const paths = [
    "/api/accounts",
    "/api/overview",
    "/api/overview?pending=true&currency=eur",
    "/api/balances?account=treasury",
    "/api/valuation?account=payroll",
    `/api/statement?at=${at}`,
    `/api/statement.csv?at=${at}`,
    "/api/balances.csv?account=treasury&currency=usd&pending=true",
    "/api/history",
    "/api/history?connection=all",
    "/api/history?step=hour&from=" + new Date(Date.now() - 86_400_000).toISOString(),
    "/api/snapshots",
    ...snapshots.snapshots.slice(0, 3).map((snapshot) => `/api/snapshots/${snapshot.id}`),
    "/",
    "/?account=payroll",
    "/overview",
    "/history",
    "/history?connection=all",
    "/statement",
  ];
  for (const path of paths) {
    for (const rsc of path.startsWith("/api/") ? [false] : [false, true]) {
      let response = await call("scopedAuditor", path, { headers: rsc ? { RSC: "1" } : {} });
      // Next sends an RSC request to the address with its cache-busting `_rsc` parameter first.
      const location = response.headers.get("location");
      if (rsc && response.status === 307 && location?.includes("_rsc")) response = await call("scopedAuditor", location, { headers: { RSC: "1" } });
      expect(response.status, path).toBe(200);
      if (rsc) expect(response.headers.get("content-type"), path).toContain("text/x-component");
      bodies.push([`${path}${rsc ? " (RSC)" : ""}`, await response.text()]);
    }
  }
  // A figure counts only as a whole number: 250000.00 inside 1250000.00 is another figure.
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const patterns = [...marks.map((mark) => new RegExp(/^[\d.-]+$/.test(mark) ? `(?<![\\d.])${escape(mark)}(?![\\d])` : escape(mark))), /\bprimary\b/];
  const leaks = bodies.flatMap(([path, body]) => patterns.filter((pattern) => pattern.test(body)).map((pattern) => `${path}: ${pattern.source}`));
  expect(leaks).toEqual([]);
  // The marks do find the other accounts where they are: in what an unscoped user gets.
  for (const path of ["/api/overview", `/api/statement.csv?at=${at}`, "/"]) {
    const unscoped = await (await call("auditor", path)).text();
    expect(patterns.filter((pattern) => pattern.test(unscoped)).length, path).toBeGreaterThan(2);
  }
  // And the scoped accounts are there: the check above would pass on empty answers too.
  const overview = JSON.parse(bodies.find(([path]) => path === "/api/overview")![1]) as OverviewResponse;
  expect(overview.accounts.map((account) => account.account).sort()).toEqual([...SCOPED_ACCOUNTS].sort());
  expect(bodies.find(([path]) => path.startsWith("/api/statement.csv"))![1]).toContain("treasury");
});

test("a scoped user's totals are the sums of their own accounts", async () => {
  const overview = await json<OverviewResponse>("scopedViewer", "/api/overview");
  const whole = await json<OverviewResponse>("admin", "/api/overview");
  const mine = whole.accounts.filter((account) => (SCOPED_ACCOUNTS as readonly string[]).includes(account.account));
  expect(overview.accounts.map((account) => account.total)).toEqual(mine.map((account) => account.total));
  expect(overview.total).not.toBe(whole.total);
  // Same scale for each figure: compare as integers of 30 digits past the point, never as floats.
  const scaled = (value: string) => {
    const [whole, fraction = ""] = value.split(".");
    return BigInt(whole! + fraction.padEnd(30, "0"));
  };
  expect(scaled(overview.total)).toBe(mine.map((account) => scaled(account.total)).reduce((a, b) => a + b, 0n));

  const statement = await json<StatementJson>("scopedViewer", `/api/statement?at=${NOW()}`);
  expect([...new Set(statement.accounts.map((outcome) => outcome.account))].sort()).toEqual([...SCOPED_ACCOUNTS].sort());
  expect([...new Set(statement.balances.map((row) => row.account))].every((account) => (SCOPED_ACCOUNTS as readonly string[]).includes(account))).toBe(true);
  expect(statement.snapshot.accounts).toBe(SCOPED_ACCOUNTS.length);
});

test("pages: a scoped user is refused another account and the whole-group pages (403, audited); others open", async () => {
  const status = async (user: RoleUser, path: string) => {
    const response = await call(user, path);
    await response.arrayBuffer();
    return response.status;
  };
  expect(await status("scopedAdmin", "/?account=primary")).toBe(403);
  expect(await status("scopedAuditor", "/history?account=primary")).toBe(403);
  expect(await status("scopedAdmin", "/alerts")).toBe(403);
  expect(await status("scopedAuditor", "/audit")).toBe(403);
  expect(await status("scopedAdmin", "/?account=treasury")).toBe(200);
  expect(await status("admin", "/?account=primary")).toBe(200);
  expect(await status("admin", "/alerts")).toBe(200);
  expect(await status("auditor", "/audit")).toBe(200);
  const trail = await json<AuditPageJson>("admin", `/api/audit?event=access_denied&user=scoped-admin`);
  expect(trail.events.map((event) => [event.outcome, event.account])).toEqual(expect.arrayContaining([["forbidden_account", "primary"], ["forbidden_account", null]]));
});
