/**
 * Taking snapshots on production builds over real HTTP: each app with its own demo exchange
 * process, PGlite in a temporary DATA_DIR or a real PostgreSQL server (testkit/postgres-server.ts),
 * and a real redis-server where two apps share one key.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import type { SnapshotDetailResponse, SnapshotsResponse, SnapshotTakenResponse } from "../lib/snapshots/types";
import { demoExchange } from "../testkit/demo-exchange";
import { startPostgres, type PostgresServer } from "../testkit/postgres-server";
import { launchApp, startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { startRedis } from "../testkit/redis-server";
import { signInEnv, TEST_USER } from "../testkit/sign-in";

/** The demo group's open exchange accounts (legacy-otc is closed, cold-storage is custody). */
const OPEN_ACCOUNTS = ["payroll", "primary", "treasury"];
const CRON_SECRET = "a-cron-secret-of-32-characters!!";
/** On, but never due during a test: the store is opened at start. */
const SCHEDULE_ON_NOT_DUE = "0 0 1 1 *";

const started: { stop(): Promise<void> }[] = [];
async function track<T extends { stop(): Promise<void> }>(starting: Promise<T>): Promise<T> {
  const running = await starting;
  started.push(running);
  return running;
}
const dirs: string[] = [];
function temporaryDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "snapshots-e2e-"));
  dirs.push(dir);
  return dir;
}
let postgres: PostgresServer | undefined;

test.describe.configure({ mode: "serial" });

test.afterAll(async () => {
  await stopAll(started);
  postgres?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
const post = (url: string, headers: Record<string, string> = {}) => fetch(url, { method: "POST", headers });

async function signedInCookie(app: Running): Promise<string> {
  const response = await fetch(`${app.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(TEST_USER),
  });
  expect(response.status).toBe(200);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

test("the button takes a snapshot of every open exchange account, exactly as the exchange reported it, and it lists", async () => {
  test.setTimeout(120_000);
  const exchange = await track(startExchange(["--no-drift"]));
  const app = await track(startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, BALANCES_CACHE_TTL_MS: "0" } }));

  const taken = await post(`${app.url}/api/snapshots`);
  expect(taken.status).toBe(201);
  const { snapshot } = await json<SnapshotTakenResponse>(taken);
  expect(snapshot).toMatchObject({ status: "complete", demo: true, accounts: OPEN_ACCOUNTS.length, failedAccounts: [] });
  expect(Date.parse(snapshot.startedAt)).toBeLessThanOrEqual(Date.parse(snapshot.takenAt));

  const listed = await json<SnapshotsResponse>(await fetch(`${app.url}/api/snapshots`));
  expect(listed.snapshots).toEqual([snapshot]);

  const detail = await json<SnapshotDetailResponse>(await fetch(`${app.url}/api/snapshots/${snapshot.id}`));
  // The demo stakes for every open account (payroll stakes nothing): each recorded as staked.
  expect(detail.accounts).toEqual(OPEN_ACCOUNTS.map((account) => ({ account, status: "ok", errorCode: null, staking: "staked" })));
  expect(detail.staked).toEqual([
    { account: "primary", currency: "ETH", balance: "40.250000000000000001", valueUsd: "136850.0000000000000034" },
    { account: "primary", currency: "SOL", balance: "1200.123456789", valueUsd: "216022.22222202" },
    { account: "treasury", currency: "ETH", balance: "640.5", valueUsd: "2177700" },
  ]);
  // The same figures, byte for byte, as the live API reads them (the exchange does not drift).
  const live = await json<{ timestamp: string; balances: { currency: string; amount: string; available: string; availableForWithdrawal: string; pendingDeposit?: string }[] }>(
    await fetch(`${app.url}/api/balances?account=primary&pending=true`),
  );
  const values = await json<{ values: { currency: string; amountNotional: string }[] }>(await fetch(`${app.url}/api/valuation?account=primary&currency=usd`));
  const primary = detail.balances.filter((row) => row.account === "primary");
  expect(primary.map((row) => row.currency)).toEqual(live.balances.map((balance) => balance.currency).sort());
  for (const balance of live.balances) {
    const row = primary.find((candidate) => candidate.currency === balance.currency)!;
    expect(row).toMatchObject({ amount: balance.amount, available: balance.available, availableForWithdrawal: balance.availableForWithdrawal, pendingDeposit: balance.pendingDeposit ?? null });
    expect(row.valueUsd).toBe(values.values.find((value) => value.currency === balance.currency)?.amountNotional ?? null);
    expect(row.exchangeTimestamp).toMatch(/^\d{19}$/);
  }

  const after = new Date(Date.parse(snapshot.takenAt) + 1).toISOString();
  expect((await json<SnapshotsResponse>(await fetch(`${app.url}/api/snapshots?from=${after}`))).snapshots).toEqual([]);
  expect((await json<SnapshotsResponse>(await fetch(`${app.url}/api/snapshots?to=${snapshot.takenAt}`))).snapshots).toHaveLength(1);
  for (const bad of ["from=yesterday", "from=2026-02-31", "to=2026-11-30T25:00:00Z", "from=2026-12-02&to=2026-12-01", "since=2026-12-01"]) {
    const response = await fetch(`${app.url}/api/snapshots?${bad}`);
    expect(response.status, bad).toBe(400);
    expect((await json<{ error: { code: string } }>(response)).error.code).toBe("bad_request");
  }
  const missing = await fetch(`${app.url}/api/snapshots/999999`);
  expect(missing.status).toBe(404);
  expect((await json<{ error: { code: string } }>(missing)).error.code).toBe("snapshot_not_found");
  expect((await fetch(`${app.url}/api/snapshots/abc`)).status).toBe(400);

  // Without CRON_SECRET the cron route does not exist, whatever the bearer.
  await demoExchange(exchange.url).clearRequests();
  const cron = await fetch(`${app.url}/api/cron/snapshot`, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
  expect(cron.status).toBe(404);
  expect((await json<{ error: { code: string } }>(cron)).error.code).toBe("cron_off");
  expect((await demoExchange(exchange.url).stats()).total).toBe(0);

  // A failing account is recorded as failed with its code: the snapshot says it is partial.
  await demoExchange(exchange.url).injectFault({ kind: "invalid-account-name", path: "/v1/balances", times: 1 });
  const partial = await json<SnapshotTakenResponse>(await post(`${app.url}/api/snapshots`));
  expect(partial.snapshot).toMatchObject({ status: "partial", accounts: OPEN_ACCOUNTS.length, failedAccounts: ["primary"] });
  const partialDetail = await json<SnapshotDetailResponse>(await fetch(`${app.url}/api/snapshots/${partial.snapshot.id}`));
  expect(partialDetail.accounts.find((account) => account.account === "primary")).toEqual({ account: "primary", status: "failed", errorCode: "InvalidAccountName", staking: null });
  expect(new Set(partialDetail.balances.map((row) => row.account))).toEqual(new Set(["payroll", "treasury"]));
  expect((await json<SnapshotsResponse>(await fetch(`${app.url}/api/snapshots`))).snapshots.map((entry) => entry.id)).toEqual([partial.snapshot.id, snapshot.id]);
});

test("cron: 401 and no upstream call or snapshot without the right bearer; the right one takes a snapshot; the button needs a session", async () => {
  test.setTimeout(120_000);
  const exchange = await track(startExchange(["--no-drift"]));
  const app = await track(startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, ...signInEnv, CRON_SECRET } }));
  const cookie = await signedInCookie(app);
  const control = demoExchange(exchange.url);
  await control.clearRequests();

  const wrong: Record<string, string>[] = [{}, { authorization: "Bearer wrong-secret-of-enough-length" }, { authorization: `Bearer ${CRON_SECRET}x` }, { authorization: CRON_SECRET }, { authorization: `Basic ${CRON_SECRET}` }];
  for (const headers of wrong) {
    const response = await fetch(`${app.url}/api/cron/snapshot`, { headers });
    expect(response.status, JSON.stringify(headers)).toBe(401);
    expect((await json<{ error: { code: string } }>(response)).error.code).toBe("unauthenticated");
  }
  expect((await post(`${app.url}/api/snapshots`)).status).toBe(401);
  expect((await control.stats()).total).toBe(0);
  expect((await json<SnapshotsResponse>(await fetch(`${app.url}/api/snapshots`, { headers: { cookie } }))).snapshots).toEqual([]);

  const right = await fetch(`${app.url}/api/cron/snapshot`, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
  expect(right.status).toBe(201);
  const { snapshot } = await json<SnapshotTakenResponse>(right);
  expect(snapshot.status).toBe("complete");
  const byButton = await post(`${app.url}/api/snapshots`, { cookie });
  expect(byButton.status).toBe(201);
  const listed = await json<SnapshotsResponse>(await fetch(`${app.url}/api/snapshots`, { headers: { cookie } }));
  expect(listed.snapshots.map((entry) => entry.id)).toEqual([(await json<SnapshotTakenResponse>(byButton)).snapshot.id, snapshot.id]);
  const audit = app.output().split("\n").filter((line) => line.includes('"event":"snapshot_cron"'));
  expect(audit).toHaveLength(wrong.length + 1);
});

test("two app processes on one DATABASE_URL (and one REDIS_URL): concurrent triggers make one snapshot and no nonce is rejected; a restart keeps it", async () => {
  test.setTimeout(180_000);
  postgres = await startPostgres();
  const databaseUrl = await postgres.createDatabase();
  const redis = await track(startRedis());
  // Latency and jitter keep the snapshot running while every trigger arrives, and reorder racing calls.
  const exchange = await track(startExchange(["--no-drift", "--latency-ms", "100", "--jitter-ms", "25"]));
  const env = { DEMO_EXCHANGE_URL: exchange.url, REDIS_URL: redis.url, DATABASE_URL: databaseUrl };
  const apps = await Promise.all([track(startApp({ env })), track(startApp({ env }))]);
  // Open (and migrate) both stores before the race, so both triggers meet the lock at once.
  for (const app of apps) expect((await fetch(`${app.url}/api/snapshots`)).status).toBe(200);
  await demoExchange(exchange.url).clearRequests();

  const responses = await Promise.all(Array.from({ length: 6 }, (_, index) => post(`${apps[index % 2]!.url}/api/snapshots`)));
  const bodies = await Promise.all(responses.map((response) => response.json() as Promise<SnapshotTakenResponse & { error?: { code: string } }>));
  const statuses = responses.map((response) => response.status);
  expect(statuses.every((status) => status === 201 || status === 409), JSON.stringify(bodies)).toBe(true);
  expect(bodies.filter((_, index) => statuses[index] === 409).every((body) => body.error?.code === "snapshot_in_progress")).toBe(true);
  const ids = new Set(bodies.filter((_, index) => statuses[index] === 201).map((body) => body.snapshot.id));
  expect(ids.size).toBe(1);
  const listed = await json<SnapshotsResponse>(await fetch(`${apps[1]!.url}/api/snapshots`));
  expect(listed.snapshots.map((snapshot) => snapshot.id)).toEqual([...ids]);
  expect(listed.snapshots[0]!.status).toBe("complete");
  const stats = await demoExchange(exchange.url).stats();
  expect(stats.rejectedNonces).toBe(0);
  expect(stats.byReason.InvalidNonce ?? 0).toBe(0);

  await stopAll(apps);
  const restarted = await track(startApp({ env }));
  expect((await json<SnapshotsResponse>(await fetch(`${restarted.url}/api/snapshots`))).snapshots).toEqual(listed.snapshots);
});

test("PGlite: a restart keeps the history; a second app on the same DATA_DIR is refused, naming DATABASE_URL", async () => {
  test.setTimeout(180_000);
  const dataDir = temporaryDir();
  const exchange = await track(startExchange(["--no-drift"]));
  const env = { DEMO_EXCHANGE_URL: exchange.url, DATA_DIR: dataDir };
  const first = await startApp({ env });
  const { snapshot } = await json<SnapshotTakenResponse>(await post(`${first.url}/api/snapshots`));
  await first.stop();

  const again = await track(startApp({ env: { ...env, SNAPSHOT_SCHEDULE: SCHEDULE_ON_NOT_DUE } }));
  expect((await json<SnapshotsResponse>(await fetch(`${again.url}/api/snapshots`))).snapshots).toEqual([snapshot]);
  expect(again.output()).toContain('"event":"history","on":true,"reason":null,"engine":"pglite"');

  // The store opens at start (the audit trail is kept there), schedule or not: the second process stops there.
  for (const schedule of [SCHEDULE_ON_NOT_DUE, "off"]) {
    const refused = await launchApp({ env: { ...env, SNAPSHOT_SCHEDULE: schedule } });
    expect(await refused.exited, schedule).toBe(1);
    expect(refused.output()).toContain(`DATA_DIR ${dataDir} is in use by another process`);
    expect(refused.output()).toContain("DATABASE_URL");
  }
});

test("the in-process schedule takes snapshots on its own and logs each as one JSON line", async () => {
  test.setTimeout(180_000);
  const exchange = await track(startExchange(["--no-drift"]));
  // Every 2 seconds (croner's six-field form): a few ticks within the test.
  const app = await track(startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, SNAPSHOT_SCHEDULE: "*/2 * * * * *" } }));
  // PGlite's first initdb can take a minute on a busy machine; the ticks wait for the store.
  await expect
    .poll(async () => (await json<SnapshotsResponse>(await fetch(`${app.url}/api/snapshots`))).snapshots.length, { timeout: 100_000, message: app.output() })
    .toBeGreaterThanOrEqual(2);
  expect(app.output()).toMatch(/\{"event":"snapshot_taken","trigger":"schedule","id":\d+,"status":"complete","failedAccounts":\[\]\}/);
});

test("history off (REDIS_URL without DATABASE_URL): 503 history_off with the reason, balances still work", async () => {
  test.setTimeout(120_000);
  const redis = await track(startRedis());
  const exchange = await track(startExchange(["--no-drift"]));
  const app = await track(startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, REDIS_URL: redis.url, CRON_SECRET } }));
  const reason = "History is off: with REDIS_URL (several instances) it needs a PostgreSQL server, so set DATABASE_URL.";
  const health = await json<{ history: unknown }>(await fetch(`${app.url}/api/health`));
  expect(health.history).toEqual({ on: false, reason, engine: null });
  expect(app.output()).toContain(JSON.stringify({ event: "history", on: false, reason, engine: null, schedule: null }));
  const routes: [string, RequestInit][] = [
    ["/api/snapshots", {}],
    ["/api/snapshots", { method: "POST" }],
    ["/api/snapshots/1", {}],
    ["/api/cron/snapshot", { headers: { authorization: `Bearer ${CRON_SECRET}` } }],
  ];
  for (const [route, init] of routes) {
    const response = await fetch(`${app.url}${route}`, init);
    expect(response.status, route).toBe(503);
    expect(await response.json()).toEqual({ error: { code: "history_off", message: reason } });
  }
  expect((await fetch(`${app.url}/api/balances?account=primary`)).status).toBe(200);
});
