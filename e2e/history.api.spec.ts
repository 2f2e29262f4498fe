/**
 * Reading history over real HTTP: a production app on a real PostgreSQL server (DATABASE_URL),
 * its store seeded through lib/store by testkit/history-seed.ts, sign-in on. The figures asked
 * for are the fixture's, so every answer is checked against what was written.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { HISTORY_FIXTURE } from "../testkit/history-fixture";
import { startPostgres, type PostgresServer } from "../testkit/postgres-server";
import { startApp, stopAll, type Running } from "../testkit/processes";
import { signInEnv, TEST_USER } from "../testkit/sign-in";

const SEED_SCRIPT = path.join(process.cwd(), "testkit", "history-seed.ts");

let postgres: PostgresServer;
let databaseUrl: string;
let app: Running;
let historyOff: Running;
let cookie: string;
let ids: number[];
const dataDirs: string[] = [];

const dataDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "history-e2e-"));
  dataDirs.push(dir);
  return dir;
};

const get = (pathAndQuery: string, withSession = true) => fetch(`${app.url}${pathAndQuery}`, { headers: withSession ? { Cookie: cookie } : {} });

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  postgres = await startPostgres();
  databaseUrl = await postgres.createDatabase();
  ids = JSON.parse(execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", SEED_SCRIPT, databaseUrl, dataDir()], { encoding: "utf8" })) as number[];
  const quiet = { SNAPSHOT_SCHEDULE: "off", ...signInEnv };
  [app, historyOff] = await Promise.all([
    startApp({ env: { DATABASE_URL: databaseUrl, DATA_DIR: dataDir(), ...quiet } }),
    // Several instances (here: Vercel) without DATABASE_URL: history is off, the rest works. Open
    // (no sign-in): with sign-in on, such a deployment refuses to start (sessions need DATABASE_URL).
    startApp({ env: { VERCEL: "1", DATA_DIR: dataDir(), SNAPSHOT_SCHEDULE: "off" } }),
  ]);
  const login = await fetch(`${app.url}/api/auth/login`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(TEST_USER) });
  expect(login.status).toBe(200);
  cookie = login.headers.getSetCookie()[0]!.split(";")[0]!;
});

test.afterAll(async () => {
  await stopAll([app, historyOff]);
  postgres?.stop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

const MALFORMED_ROUTES = [
  "/api/statement?at=2026-11-30",
  "/api/statement?at=2026-11-30T23:59:59",
  "/api/statement?at=not-a-time",
  "/api/statement",
  "/api/statement.csv?at=2026-02-30T00:00:00Z",
  "/api/statement.csv?at=2026-11-30T23:59:59Z&account=primary",
  "/api/history?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z",
  "/api/history?step=hour&from=2026-10-01T00:00:00Z&to=2026-11-30T00:00:00Z",
  "/api/history?account=..%2F..",
  "/api/history?step=week",
];
const GOOD_READS = ["/api/history", "/api/statement?at=2026-11-30T23:59:59Z", "/api/statement.csv?at=2026-11-30T23:59:59Z"];

/** No session is 401, a malformed time 400 (before any history is read). */
async function expectRefusedBeforeTheStore(): Promise<void> {
  for (const route of GOOD_READS) {
    const response = await get(route, false);
    expect(response.status, route).toBe(401);
    expect((await response.json()).error.code).toBe("unauthenticated");
  }
  for (const route of MALFORMED_ROUTES) {
    const response = await get(route);
    expect(response.status, route).toBe(400);
    expect((await response.json()).error.code, route).toBe("bad_request");
  }
}

test("refuses a request without a session or with a malformed time", async () => {
  await expectRefusedBeforeTheStore();
});

test("the statement CSV lists the snapshot before `at` exactly, failed accounts included, with the SHA-256 of its bytes", async () => {
  const response = await get("/api/statement.csv?at=2026-11-30T23:59:59Z");
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8; header=present");
  expect(response.headers.get("content-disposition")).toBe('attachment; filename="statement-20261130T235959Z.csv"');
  expect(response.headers.get("cache-control")).toContain("no-store");
  const bytes = Buffer.from(await response.arrayBuffer());
  expect(response.headers.get("x-content-sha256")).toBe(createHash("sha256").update(bytes).digest("hex"));
  // The failed snapshot at 23:30 holds nothing and the other key's at midnight is not this key's.
  expect(bytes.toString("utf8")).toBe(
    [
      "account,currency,amount,available,availableForWithdrawal,pendingDeposit,pendingWithdrawal,valueUsd,takenAt,exchangeTimestamp,status,error,holding",
      "primary,BTC,1.5,1.5,1.5,0.25,,150.00,2026-11-30T23:00:03.250Z,1764543603250000001,ok,,exchange",
      "treasury,,,,,,,,,,failed,rate_limited,exchange",
      "",
    ].join("\r\n"),
  );

  const older = await get("/api/statement.csv?at=2026-11-30T23:00:03.999Z");
  const lines = (await older.text()).split("\r\n");
  expect(lines.slice(1, 4)).toEqual([
    "primary,BTC,42.1234567890123456789,42.1234567890123456789,42.1234567890123456789,,,3999999.9999999999999999999,2026-11-28T10:00:03.500Z,1764633600123456789,ok,,exchange",
    "primary,USD,9007199254740993,9007199254740993,9007199254740993,,,9007199254740993,2026-11-28T10:00:03.500Z,1764633600123456789,ok,,exchange",
    "treasury,BTC,0.0000000000000000001,0.0000000000000000001,0.0000000000000000001,,,0.0000000000000000001,2026-11-28T10:00:03.900Z,1764633600123456789,ok,,exchange",
  ]);
});

test("the statement JSON: exact figures and totals, at and 1 ms either side of a snapshot, 404 before the first", async () => {
  const [first, second] = ids;
  const at = (iso: string) => get(`/api/statement?at=${encodeURIComponent(iso)}`);

  const exact = await at("2026-11-30T23:00:04.000Z");
  expect(exact.status).toBe(200);
  const body = await exact.json();
  expect(body).toEqual({
    at: "2026-11-30T23:00:04.000Z",
    snapshot: { id: second, connection: "Demo exchange", takenAt: "2026-11-30T23:00:04.000Z", startedAt: "2026-11-30T23:00:00.000Z", status: "partial", demo: true, accounts: 2, failedAccounts: ["treasury"] },
    accounts: [
      { account: "primary", status: "ok", errorCode: null, staking: null },
      { account: "treasury", status: "failed", errorCode: "rate_limited", staking: null },
    ],
    balances: [
      {
        account: "primary",
        currency: "BTC",
        amount: "1.5",
        available: "1.5",
        availableForWithdrawal: "1.5",
        pendingDeposit: "0.25",
        pendingWithdrawal: null,
        valueUsd: "150.00",
        takenAt: "2026-11-30T23:00:03.250Z",
        exchangeTimestamp: "1764543603250000001",
      },
    ],
    totals: { BTC: { amount: "1.5", valueUsd: "150.00" } },
    totalUsd: "150.00",
    // The fixture records no staking: not recorded, never zero.
    staked: [],
    stakedTotals: {},
    stakedUsd: null,
    stakingRecorded: false,
  });
  expect((await (await at("2026-11-30T23:00:04.001Z")).json()).snapshot.id).toBe(second);

  const before = await (await at("2026-11-30T23:00:03.999Z")).json();
  expect(before.snapshot.id).toBe(first);
  expect(before.totals).toEqual({
    BTC: { amount: "42.1234567890123456790", valueUsd: "4000000.0000000000000000000" },
    USD: { amount: "9007199254740993", valueUsd: "9007199254740993" },
  });
  expect(before.totalUsd).toBe("9007199258740993.0000000000000000000");

  const oneAccount = await (await get("/api/statement?at=2026-11-29T00:00:00Z&account=treasury")).json();
  expect(oneAccount.balances.map((row: { account: string }) => row.account)).toEqual(["treasury"]);
  expect(oneAccount.totalUsd).toBe("0.0000000000000000001");

  const none = await at(new Date(Date.parse(HISTORY_FIXTURE[0]!.takenAt) - 1).toISOString());
  expect(none.status).toBe(404);
  expect((await none.json()).error.code).toBe("no_snapshot");
  const csv = await get(`/api/statement.csv?at=2026-11-28T10:00:03.999Z`);
  expect(csv.status).toBe(404);
  expect(csv.headers.get("content-type")).toContain("application/json");
});

test("history: one point per day with a snapshot, gaps left as gaps, partial ones flagged, one account or all", async () => {
  const [first, second] = ids;
  const response = await get("/api/history?from=2026-11-27T00:00:00Z&to=2026-12-01T00:00:00Z");
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({
    step: "day",
    from: "2026-11-27T00:00:00.000Z",
    to: "2026-12-01T00:00:00.000Z",
    points: [
      {
        at: "2026-11-28T00:00:00.000Z",
        snapshotId: first,
        takenAt: "2026-11-28T10:00:04.000Z",
        partial: false,
        totalUsd: "9007199258740993.0000000000000000000",
        currencies: {
          BTC: { amount: "42.1234567890123456790", valueUsd: "4000000.0000000000000000000" },
          USD: { amount: "9007199254740993", valueUsd: "9007199254740993" },
        },
        staked: {},
        stakedUsd: null,
        stakingRecorded: false,
      },
      {
        at: "2026-11-30T00:00:00.000Z",
        snapshotId: second,
        takenAt: "2026-11-30T23:00:04.000Z",
        partial: true,
        totalUsd: "150.00",
        currencies: { BTC: { amount: "1.5", valueUsd: "150.00" } },
        staked: {},
        stakedUsd: null,
        stakingRecorded: false,
      },
    ],
  });

  const treasury = await (await get("/api/history?account=treasury&currency=btc&from=2026-11-27T00:00:00Z&to=2026-12-01T00:00:00Z")).json();
  expect(treasury.points.map((point: { partial: boolean; totalUsd: string | null; currencies: object }) => [point.partial, point.totalUsd, point.currencies])).toEqual([
    [false, "0.0000000000000000001", { BTC: { amount: "0.0000000000000000001", valueUsd: "0.0000000000000000001" } }],
    [true, null, {}],
  ]);

  const hourly = await (await get("/api/history?step=hour&from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z")).json();
  expect(hourly.points.map((point: { at: string }) => point.at)).toEqual(["2026-11-30T23:00:00.000Z"]);

  // Defaults: the last 30 days by day, up to now (the fixture is in the past, so maybe empty, never an error).
  const defaults = await (await get("/api/history")).json();
  expect(defaults.step).toBe("day");
  expect(Date.parse(defaults.to) - Date.parse(defaults.from)).toBe(30 * 86_400_000);
});

test("with history off, the history routes say why (503 history_off)", async () => {
  for (const route of ["/api/history", "/api/statement?at=2026-11-30T23:59:59Z", "/api/statement.csv?at=2026-11-30T23:59:59Z"]) {
    const response = await fetch(`${historyOff.url}${route}`);
    expect(response.status, route).toBe(503);
    const { error } = await response.json();
    expect(error.code).toBe("history_off");
    expect(error.message).toContain("DATABASE_URL");
  }
});

test("a store that stops answering: every signed-in request is 503 session_unavailable (sessions live there, so nothing is served unchecked); without a session still 401", async () => {
  postgres.stop();
  // The session is checked first, so a malformed request with a cookie gets the same 503.
  for (const route of ["/api/statement?at=2026-11-30T23:59:59Z", "/api/balances?account=primary", MALFORMED_ROUTES[0]!]) {
    const response = await get(route);
    expect(response.status, route).toBe(503);
    expect((await response.json()).error.code, route).toBe("session_unavailable");
  }
  for (const route of GOOD_READS) expect((await get(route, false)).status, route).toBe(401);
});
