/**
 * The kept audit trail over real HTTP, on the production build: what a sign-in and a balances read
 * leave in GET /api/audit, the CSV export and the chain check (AUTH, on its embedded store); then,
 * on an app of its own over a real PostgreSQL server, who may read the trail, what happens to
 * reads while the store cannot take rows (refused, never served unrecorded, nothing lost), and an
 * edited row found by GET /api/audit/verify.
 */
import { expect, test } from "@playwright/test";
import { Client } from "pg";
import type { AuditEventJson, AuditPageJson, AuditVerifyJson } from "../lib/audit/types";
import { demoExchange } from "../testkit/demo-exchange";
import { AUTH } from "../testkit/e2e-servers";
import { startPostgres, type PostgresServer } from "../testkit/postgres-server";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { signInEnv, TEST_USER, THROTTLED_USER } from "../testkit/sign-in";

const HASH = /^[0-9a-f]{64}$/;
/** Upstream calls that read balances. */
const BALANCE_READ = /^\/v1\/balances/;
const BALANCES = "/api/balances?account=primary";

let addressCounter = 0;
/** A client address of this file's own (AUTH trusts X-Forwarded-For), so its events are told apart from other specs'. */
const freshAddress = () => `203.0.113.${++addressCounter}`;

// Plain fetch: no cookie jar, so each request carries exactly the session it is given.
const get = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers, redirect: "manual" });

function login(base: string, credentials: { username: string; password: string }, address?: string): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json", ...(address ? { "X-Forwarded-For": address } : {}) };
  return fetch(`${base}/api/auth/login`, { method: "POST", headers, body: JSON.stringify(credentials) });
}

const sessionCookie = (response: Response) => (response.headers.get("set-cookie") ?? "").split(";")[0]!;

async function signIn(base: string, credentials: { username: string; password: string }, address?: string): Promise<string> {
  const response = await login(base, credentials, address);
  expect(response.status, await response.clone().text()).toBe(200);
  return sessionCookie(response);
}

async function getJson<T>(url: string, headers: Record<string, string>): Promise<T> {
  const response = await get(url, headers);
  expect(response.status, `${url}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

async function status(url: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await get(url, headers);
  await response.arrayBuffer();
  return response.status;
}

test.describe("on the shared sign-in app (embedded store)", () => {
  test("a sign-in and a balances read are listed, newest first, with user, address and their chain hashes; reading the list is audited too", async () => {
    const address = freshAddress();
    const since = new Date(Date.now() - 1_000).toISOString();
    const cookie = await signIn(AUTH.app, TEST_USER, address);
    const headers = { cookie, "X-Forwarded-For": address };
    expect(await status(`${AUTH.app}${BALANCES}`, headers)).toBe(200);

    const list = `${AUTH.app}/api/audit?user=${TEST_USER.username}&from=${encodeURIComponent(since)}`;
    const mine = (page: AuditPageJson) => page.events.filter((event) => event.address === address);
    const first = mine(await getJson<AuditPageJson>(list, headers));
    expect(first.map((event) => event.event)).toEqual(["balances_fetch", "login"]);
    expect(first[0]).toMatchObject({ user: TEST_USER.username, outcome: "ok", account: "primary", address });
    expect(first[1]).toMatchObject({ user: TEST_USER.username, outcome: "ok", account: null });
    for (const event of first) {
      expect(event.hash).toMatch(HASH);
      expect(event.prevHash).toMatch(HASH);
    }
    expect(first[0]!.id).toBeGreaterThan(first[1]!.id);

    const second = mine(await getJson<AuditPageJson>(list, headers));
    expect(second[0]).toMatchObject({ event: "audit_read", user: TEST_USER.username, outcome: "ok" });
    // Filters narrow the list: by event and by account.
    const reads = await getJson<AuditPageJson>(`${list}&event=balances_fetch&account=primary`, headers);
    expect(reads.events.every((event) => event.event === "balances_fetch" && event.account === "primary")).toBe(true);
    expect(reads.events.map((event) => event.id)).toContain(first[0]!.id);

    const verdict = await getJson<AuditVerifyJson>(`${AUTH.app}/api/audit/verify`, headers);
    expect(verdict).toMatchObject({ ok: true, lastHash: expect.stringMatching(HASH) });
    if (verdict.ok) expect(verdict.rows).toBeGreaterThanOrEqual(3);
    const checks = await getJson<AuditPageJson>(`${AUTH.app}/api/audit?event=audit_verify&limit=1`, headers);
    expect(checks.events[0]).toMatchObject({ outcome: "ok", address, details: { verdict: "intact", rows: String(verdict.rows) } });
  });

  test("pages go back in time with `before`, and the CSV holds the same events, oldest first, with their hashes", async () => {
    const address = freshAddress();
    const since = new Date(Date.now() - 1_000).toISOString();
    const cookie = await signIn(AUTH.app, TEST_USER, address);
    const headers = { cookie, "X-Forwarded-For": address };
    for (let n = 0; n < 3; n += 1) expect(await status(`${AUTH.app}${BALANCES}`, headers)).toBe(200);

    const filters = `user=${TEST_USER.username}&event=balances_fetch&from=${encodeURIComponent(since)}`;
    const all = (await getJson<AuditPageJson>(`${AUTH.app}/api/audit?${filters}`, headers)).events.filter((event) => event.address === address);
    expect(all).toHaveLength(3);
    const firstPage = await getJson<AuditPageJson>(`${AUTH.app}/api/audit?${filters}&limit=1`, headers);
    expect(firstPage.nextBefore).not.toBeNull();
    const older = await getJson<AuditPageJson>(`${AUTH.app}/api/audit?${filters}&limit=1&before=${firstPage.nextBefore}`, headers);
    expect(older.events[0]!.id).toBeLessThan(firstPage.events[0]!.id);

    const response = await get(`${AUTH.app}/api/audit.csv?${filters}`, headers);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-trail-\d{8}T\d{6}Z\.csv"$/);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const [header, ...lines] = (await response.text()).split("\r\n").filter((line) => line !== "");
    expect(header).toBe("id,occurredAt,event,user,outcome,account,address,details,prevHash,hash");
    const rows = lines.map((line) => line.split(",")).filter((cells) => cells[6] === address);
    const expected = [...all].reverse().map((event: AuditEventJson) => [String(event.id), event.occurredAt, "balances_fetch", TEST_USER.username, "ok", "primary", address, "", event.prevHash, event.hash]);
    expect(rows).toEqual(expected);

    const audited = (await getJson<AuditPageJson>(`${AUTH.app}/api/audit?user=${TEST_USER.username}&event=audit_csv`, headers)).events;
    expect(audited.find((event) => event.address === address)).toMatchObject({ outcome: "ok" });
  });

  test("a bad filter is 400 before anything is read; without a session the routes are 401 and the page sends to sign-in", async () => {
    const address = freshAddress();
    const cookie = await signIn(AUTH.app, TEST_USER, address);
    for (const query of ["from=yesterday", "limit=0", "from=2026-12-02&to=2026-12-01", "sort=id"]) {
      const response = await get(`${AUTH.app}/api/audit?${query}`, { cookie, "X-Forwarded-For": address });
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.code).toBe("bad_request");
    }
    for (const path of ["/api/audit", "/api/audit.csv", "/api/audit/verify"]) {
      expect(await status(`${AUTH.app}${path}`, { "X-Forwarded-For": address }), path).toBe(401);
    }
    const page = await get(`${AUTH.app}/audit?user=x`);
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe("/login?next=%2Faudit%3Fuser%3Dx");
  });
});

test.describe("on PostgreSQL, with roles", () => {
  test.describe.configure({ mode: "serial" });

  /** treasurer may read the trail (auditor); the user named "auditor" here is a viewer and may not. */
  const ROLES = `${TEST_USER.username}:auditor,${THROTTLED_USER.username}:viewer`;
  let postgres: PostgresServer;
  let databaseUrl: string;
  let exchange: Running;
  let app: Running;
  let auditor: Record<string, string>;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    postgres = await startPostgres();
    databaseUrl = await postgres.createDatabase();
    exchange = await startExchange(["--no-drift"]);
    app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, DATABASE_URL: databaseUrl, ...signInEnv, DASHBOARD_ROLES: ROLES, BALANCES_CACHE_TTL_MS: "0" } });
    auditor = { cookie: await signIn(app.url, TEST_USER) };
  });

  test.afterAll(async () => {
    await stopAll([app, exchange]);
    postgres?.stop();
  });

  async function sql(text: string): Promise<void> {
    const client = new Client({ connectionString: postgres.url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  }

  const database = () => new URL(databaseUrl).pathname.slice(1);

  test("a viewer is refused the trail (403 forbidden_role, API and page), and the refusal is in the trail", async () => {
    const viewer = { cookie: await signIn(app.url, THROTTLED_USER) };
    for (const path of ["/api/audit", "/api/audit.csv", "/api/audit/verify"]) {
      const response = await get(`${app.url}${path}`, viewer);
      expect(response.status, path).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden_role");
    }
    expect(await status(`${app.url}/audit`, viewer)).toBe(403);
    const refused = await getJson<AuditPageJson>(`${app.url}/api/audit?user=${THROTTLED_USER.username}&event=access_denied`, auditor);
    expect(refused.events.map((event) => event.outcome)).toEqual(Array(4).fill("forbidden_role"));
    // The auditor's own view works.
    expect(await status(`${app.url}/audit`, auditor)).toBe(200);
  });

  test("while the store is down, signed-in reads, sign-in and sign-out are refused (503 session_unavailable: sessions live there too) before any upstream call; once back, the chain holds", async () => {
    test.setTimeout(90_000);
    const exchangeLog = demoExchange(exchange.url);
    expect(await status(`${app.url}${BALANCES}`, auditor)).toBe(200);
    const leaving = { cookie: await signIn(app.url, TEST_USER) };

    // The store goes away: no new connection, the open ones cut.
    await sql(`ALTER DATABASE ${database()} ALLOW_CONNECTIONS false`);
    await sql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database()}'`);
    try {
      // No session can be checked, so nothing is served, and nothing reaches the exchange unrecorded.
      await exchangeLog.clearRequests();
      const refused = await get(`${app.url}${BALANCES}`, auditor);
      expect(refused.status).toBe(503);
      expect((await refused.json()).error.code).toBe("session_unavailable");
      expect((await exchangeLog.appCalls()).filter((call) => BALANCE_READ.test(call.path))).toEqual([]);
      // No sign-in without its session row, so no session cookie either.
      const signInRefused = await login(app.url, TEST_USER);
      expect(signInRefused.status).toBe(503);
      expect(signInRefused.headers.get("set-cookie")).toBeNull();
      // Sign-out cannot end the session either: it says so rather than pretend.
      const signOut = await fetch(`${app.url}/api/auth/logout`, { method: "POST", headers: leaving });
      expect(signOut.status).toBe(503);
    } finally {
      await sql(`ALTER DATABASE ${database()} ALLOW_CONNECTIONS true`);
    }
    await expect.poll(() => status(`${app.url}${BALANCES}`, auditor), { timeout: 30_000 }).toBe(200);
    expect((await fetch(`${app.url}/api/auth/logout`, { method: "POST", headers: leaving })).status).toBe(200);
    expect(await getJson<AuditVerifyJson>(`${app.url}/api/audit/verify`, auditor)).toMatchObject({ ok: true });
  });

  test("an edited row is found by GET /api/audit/verify, which names it", async () => {
    const { events } = await getJson<AuditPageJson>(`${app.url}/api/audit?event=login&limit=1`, auditor);
    const target = events[0]!;
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      // As the table's owner can: past the append-only trigger.
      await client.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only");
      await client.query("UPDATE audit_events SET user_name = 'someone-else' WHERE id = $1", [target.id]);
      await client.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only");
    } finally {
      await client.end();
    }
    const verdict = await getJson<AuditVerifyJson>(`${app.url}/api/audit/verify`, auditor);
    expect(verdict).toMatchObject({ ok: false, firstBadId: target.id, reason: expect.stringMatching(/edited/) });
    // The check's own row keeps the verdict: the trail says when it was last found broken.
    const checks = await getJson<AuditPageJson>(`${app.url}/api/audit?event=audit_verify&limit=1`, auditor);
    expect(checks.events[0]?.details).toEqual({ verdict: "broken", rows: String(verdict.rows), first_bad_id: String(target.id) });
  });
});
