/**
 * Server-side sessions over real HTTP: two production apps sharing one real PostgreSQL server.
 * A cookie replayed after sign-out is refused by every API route and page of both instances; each
 * instance sees the other's sign-outs and revocations at once; idle sessions, removed users and
 * changed password hashes end; a store that stops answering refuses every session (503).
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { Client } from "pg";
import { apiRoutes, appPages, fillSegments } from "../testkit/app-routes";
import { startPostgres, type PostgresServer } from "../testkit/postgres-server";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { signInEnv, TEST_USER, THROTTLED_USER } from "../testkit/sign-in";

/** Routes that answer without a session (as e2e/auth.api.spec.ts lists them), and the cron route with its own bearer. */
const NO_SESSION_ROUTES = new Set(["GET /api/health", "POST /api/auth/login", "GET /api/auth/oidc/start", "GET /api/auth/oidc/callback", "POST /api/alerts/demo-receiver", "GET /api/cron/snapshot"]);
const ADMIN = TEST_USER;
/** The second test user, a viewer here. */
const VIEWER = THROTTLED_USER;
const ROLES = `${ADMIN.username}:admin,${VIEWER.username}:viewer`;
/** lib/config.ts's default SESSION_IDLE. */
const SESSION_IDLE_MINUTES = 30;

let postgres: PostgresServer;
let databaseUrl: string;
const started: Running[] = [];
let first: Running;
let second: Running;

async function startInstance(env: Record<string, string> = {}): Promise<Running> {
  // One exchange each: two processes on one key without shared nonces would (rightly) be refused.
  const exchange = await startExchange(["--no-drift"]);
  started.push(exchange);
  const app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, DATABASE_URL: databaseUrl, ...signInEnv, DASHBOARD_ROLES: ROLES, ...env } });
  started.push(app);
  return app;
}

async function signIn(app: Running, user: { username: string; password: string } = ADMIN): Promise<string> {
  const response = await fetch(`${app.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": "sessions-spec" },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  expect(response.status).toBe(200);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

const call = (app: Running, path: string, cookie: string, method = "GET") => fetch(`${app.url}${path}`, { method, headers: { cookie }, redirect: "manual" });

async function errorCode(response: Response): Promise<string> {
  return ((await response.json()) as { error: { code: string } }).error.code;
}

async function sql<T extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  postgres = await startPostgres();
  databaseUrl = await postgres.createDatabase();
  first = await startInstance();
  second = await startInstance();
});

test.afterAll(async () => {
  await stopAll(started);
  postgres?.stop();
});

test("a cookie replayed after sign-out gets 401 on every API route and a sign-in redirect on every page, on both instances", async () => {
  const cookie = await signIn(first);
  for (const app of [first, second]) expect((await call(app, "/api/accounts", cookie)).status).toBe(200);
  const logout = await call(second, "/api/auth/logout", cookie, "POST");
  expect(logout.status).toBe(200);

  const routes = apiRoutes()
    .map(({ method, path }) => ({ method, path: fillSegments(path, "1") }))
    .filter(({ method, path }) => !NO_SESSION_ROUTES.has(`${method} ${path}`));
  expect(routes.map(({ method, path }) => `${method} ${path}`)).toEqual(
    expect.arrayContaining(["GET /api/balances", "POST /api/auth/logout", "GET /api/auth/sessions", "DELETE /api/auth/sessions/1", "POST /api/auth/sessions/end-mine"]),
  );
  const pagePaths = appPages();
  expect(pagePaths).toEqual(expect.arrayContaining(["/", "/history", "/audit", "/sessions"]));
  const failures: string[] = [];
  for (const app of [first, second]) {
    for (const { method, path } of routes) {
      const response = await call(app, path, cookie, method);
      const code = response.headers.get("content-type")?.includes("json") ? await errorCode(response) : "";
      if (response.status !== 401 || code !== "unauthenticated") failures.push(`${method} ${path}: ${response.status} ${code}`);
    }
    for (const path of pagePaths) {
      const response = await call(app, path, cookie);
      const location = response.headers.get("location") ?? "";
      if (response.status !== 307 || !location.startsWith("/login?next=")) failures.push(`page ${path}: ${response.status} ${location}`);
    }
  }
  expect(failures).toEqual([]);
  const [row] = await sql<{ ended_reason: string }>("SELECT ended_reason FROM sessions WHERE ended_at IS NOT NULL AND ended_reason = 'logout'");
  expect(row).toBeDefined();
});

test("the store keeps a digest of the session id, never the cookie's id", async () => {
  await signIn(first);
  const rows = await sql<{ token_hash: string }>("SELECT token_hash FROM sessions");
  for (const { token_hash } of rows) expect(token_hash).toMatch(/^[0-9a-f]{64}$/);
});

test("sign out everywhere on one instance ends the user's sessions on both; an admin lists and ends any session, audited", async () => {
  const onFirst = await signIn(first);
  const onSecond = await signIn(second);
  const viewer = await signIn(second, VIEWER);

  const everywhere = await call(second, "/api/auth/sessions/end-mine", onSecond, "POST");
  expect(everywhere.status).toBe(200);
  expect(((await everywhere.json()) as { ended: number }).ended).toBeGreaterThanOrEqual(2);
  expect(everywhere.headers.get("set-cookie")).toMatch(/Max-Age=0/);
  expect((await call(first, "/api/accounts", onFirst)).status).toBe(401);
  expect((await call(second, "/api/accounts", viewer)).status).toBe(200);

  // The viewer may not see or end sessions.
  const refused = await call(second, "/api/auth/sessions", viewer);
  expect(refused.status).toBe(403);
  expect(await errorCode(refused)).toBe("forbidden_role");

  const admin = await signIn(first);
  const list = await call(first, "/api/auth/sessions", admin);
  expect(list.status).toBe(200);
  const { sessions } = (await list.json()) as { sessions: { id: number; user: string; source: string; userAgent: string; address: string }[] };
  const target = sessions.find((session) => session.user === VIEWER.username)!;
  expect(target).toMatchObject({ source: "local", userAgent: "sessions-spec", address: expect.any(String) });
  // Only open sessions are listed, and nothing in the answer could sign anyone in.
  expect(sessions.filter((session) => session.user === ADMIN.username)).toHaveLength(1);
  expect(JSON.stringify(sessions)).not.toMatch(/token|credential|idToken|[0-9a-f]{64}/i);

  const ended = await call(first, `/api/auth/sessions/${target.id}`, admin, "DELETE");
  expect(ended.status).toBe(200);
  expect((await call(second, "/api/accounts", viewer)).status).toBe(401);
  const again = await call(second, `/api/auth/sessions/${target.id}`, admin, "DELETE");
  expect(again.status).toBe(404);
  expect(await errorCode(again)).toBe("session_not_found");
  expect(await errorCode(await call(first, "/api/auth/sessions/abc", admin, "DELETE"))).toBe("bad_request");

  const audit = await call(second, "/api/audit?event=session_revoked", admin);
  const { events } = (await audit.json()) as { events: { user: string; details: Record<string, string> }[] };
  expect(events).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ user: ADMIN.username, details: expect.objectContaining({ reason: "revoked", session_user: VIEWER.username, session_id: String(target.id) }) }),
      expect.objectContaining({ user: ADMIN.username, details: expect.objectContaining({ reason: "logout_everywhere", session_user: ADMIN.username }) }),
    ]),
  );
});

test(`a session unused for longer than SESSION_IDLE (${SESSION_IDLE_MINUTES} m by default) is refused; one used recently is not`, async () => {
  const idle = await signIn(first);
  const recent = await signIn(first);
  // The store's clock is moved for one session instead of waiting half an hour.
  const [idleRow] = await sql<{ id: string }>("SELECT id FROM sessions ORDER BY id DESC LIMIT 1 OFFSET 1");
  const id = idleRow!.id;
  await sql(`UPDATE sessions SET last_seen_at = now() - interval '${SESSION_IDLE_MINUTES + 1} minutes' WHERE id = $1`, [id]);
  await sql(`UPDATE sessions SET last_seen_at = now() - interval '${SESSION_IDLE_MINUTES - 1} minutes' WHERE id <> $1 AND ended_at IS NULL`, [id]);
  expect((await call(second, "/api/accounts", idle)).status).toBe(401);
  expect((await call(first, "/", idle)).status).toBe(307);
  expect((await call(second, "/api/accounts", recent)).status).toBe(200);
  // Being used moved last_seen_at to now: the idle clock starts again.
  const [seen] = await sql<{ minutes: string }>("SELECT extract(epoch FROM now() - last_seen_at) / 60 AS minutes FROM sessions WHERE id <> $1 ORDER BY id DESC LIMIT 1", [id]);
  expect(Number(seen!.minutes)).toBeLessThan(SESSION_IDLE_MINUTES - 1);
});

test("removing a user or changing their password hash ends their sessions, on every instance", async () => {
  const admin = await signIn(first);
  const viewer = await signIn(first, VIEWER);
  // Another valid hash line (for a password no one knows), and the viewer gone.
  const newHash = `scrypt:N=16384:r=8:p=1:${randomBytes(16).toString("base64url")}:${randomBytes(32).toString("base64url")}`;
  const changed = await startInstance({ DASHBOARD_USERS: `${ADMIN.username}:${newHash}`, DASHBOARD_ROLES: `${ADMIN.username}:admin` });
  expect((await call(changed, "/api/accounts", admin)).status).toBe(401);
  expect((await call(changed, "/api/accounts", viewer)).status).toBe(401);
  // Ended in the store: the instances still on the old configuration refuse them too.
  expect((await call(first, "/api/accounts", admin)).status).toBe(401);
  expect((await call(second, "/api/accounts", viewer)).status).toBe(401);
  const reasons = await sql<{ user_name: string; ended_reason: string }>(
    "SELECT user_name, ended_reason FROM sessions WHERE ended_reason IN ('credential_changed', 'user_removed') ORDER BY id",
  );
  expect(reasons).toEqual([
    { user_name: ADMIN.username, ended_reason: "credential_changed" },
    { user_name: VIEWER.username, ended_reason: "user_removed" },
  ]);
  await changed.stop();
});

test("a store that stops answering refuses every session (503 session_unavailable), never a signed-in answer", async () => {
  const cookie = await signIn(first);
  postgres.stop();
  const response = await call(first, "/api/accounts", cookie);
  expect(response.status).toBe(503);
  expect(await errorCode(response)).toBe("session_unavailable");
  const login = await fetch(`${second.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  expect(login.status).toBe(503);
  expect(login.headers.get("set-cookie")).toBeNull();
  // Health and the sign-in page still answer, with the stale cookie too.
  expect((await call(first, "/api/health", cookie)).status).toBe(200);
  expect((await call(first, "/login", cookie)).status).toBe(200);
});
