/**
 * Balance history at scale: one year of hourly snapshots for 20 accounts x 10 currencies (about
 * 1.75 million balance rows), seeded in SQL (INSERT ... SELECT generate_series, a month per
 * statement), on the embedded PGlite (a temp DATA_DIR) and on a real PostgreSQL server
 * (testkit/postgres-server.ts). Then, through the store (lib/store/history.ts): p50/p95 of the
 * statement for an `at` (a different time of the year each run), of a one-year daily history, and
 * the storage a year takes.
 * And the snapshot sweep of a 200-account group (the demo exchange grown by desks, over HTTP)
 * through the app's own takeSnapshot, against its floor: 2 calls per account at
 * GEMINI_CALLS_PER_SECOND.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import { createDemoExchange, startDemoExchangeServer } from "@/lib/demo-exchange";
import { demoGroup } from "@/lib/demo-exchange/data";
import { openStore, type Store, type StoreOptions } from "@/lib/store";
import { PGLITE_FOLDER } from "@/lib/store/open";
import { startPostgres, type PostgresServer } from "../testkit/postgres-server";
import { report, runBench } from "./support/report";
import { percentile, round } from "./support/stats";

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    engines: { type: "string", default: "pglite,postgres" },
    samples: { type: "string", default: "50" },
    "sweep-accounts": { type: "string", default: "200" },
    "calls-per-second": { type: "string", default: "5" },
  },
  strict: true,
});

const HOUR_MS = 3_600_000;
const HOURS = values.smoke ? 48 : 365 * 24;
const ACCOUNTS = values.smoke ? 2 : 20;
const CURRENCIES = ["USD", "EUR", "GBP", "SGD", "BTC", "ETH", "SOL", "USDC", "LINK", "DOGE"].slice(0, values.smoke ? 3 : 10);
const SAMPLES = values.smoke ? 3 : Number(values.samples);
const WARMUP = values.smoke ? 1 : 5;
/** Hours seeded per INSERT: a month keeps each statement (and PGlite's memory) bounded. */
const HOURS_PER_STATEMENT = 30 * 24;
const FINGERPRINT = "bench-history";
const YEAR_START = Date.UTC(2025, 0, 1);
const GOALS = { statementP50Ms: 100, historyP50Ms: 200, sweepOverFloor: 1.1 };
const SWEEP_ACCOUNTS = values.smoke ? 3 : Number(values["sweep-accounts"]);
const CALLS_PER_SECOND = Number(values["calls-per-second"]);
/** A snapshot reads each account's balances (with pending) and its USD values: two calls. */
const CALLS_PER_ACCOUNT = 2;

type Engine = "pglite" | "postgres";

/** Plain SQL on the engine, for seeding and sizes only: measured queries go through the store. */
interface RawSql {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

async function rawSql(location: StoreOptions): Promise<RawSql> {
  if (location.databaseUrl) {
    const client = new Client({ connectionString: location.databaseUrl });
    await client.connect();
    return { query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[], close: () => client.end() };
  }
  const pglite = await PGlite.create(path.join(location.dataDir, PGLITE_FOLDER));
  return { query: async <T>(text: string, params: unknown[] = []) => (await pglite.query<T>(text, params)).rows, close: () => pglite.close() };
}

/** Seeds HOURS snapshots x ACCOUNTS x CURRENCIES in SQL; figures are numeric with 19 decimals, as Gemini's can be. */
async function seed(sql: RawSql): Promise<number> {
  const started = performance.now();
  const currencies = `(VALUES ${CURRENCIES.map((code, index) => `('${code}', ${index + 1})`).join(", ")}) AS c(code, n)`;
  for (let from = 1; from <= HOURS; from += HOURS_PER_STATEMENT) {
    const to = Math.min(HOURS, from + HOURS_PER_STATEMENT - 1);
    await sql.query("BEGIN");
    await sql.query(
      `INSERT INTO snapshots (id, connection_label, key_fingerprint, started_at, taken_at, status, demo)
       SELECT s, 'Bench', $1, $2::timestamptz + (s - 1) * interval '1 hour', $2::timestamptz + (s - 1) * interval '1 hour' + interval '4 seconds', 'complete', false
       FROM generate_series($3::int, $4::int) AS s`,
      [FINGERPRINT, new Date(YEAR_START).toISOString(), from, to],
    );
    await sql.query(
      `INSERT INTO snapshot_accounts (snapshot_id, account, status, error_code)
       SELECT s, 'account-' || lpad(a::text, 2, '0'), 'ok', NULL FROM generate_series($1::int, $2::int) AS s, generate_series(1, $3::int) AS a`,
      [from, to, ACCOUNTS],
    );
    await sql.query(
      `INSERT INTO snapshot_balances (snapshot_id, account, currency, amount, available, available_for_withdrawal,
         pending_deposit, pending_withdrawal, value_usd, exchange_timestamp, taken_at)
       SELECT s, 'account-' || lpad(a::text, 2, '0'), c.code, x.amount, x.amount, x.amount, 0, 0, round(x.amount * c.n, 2),
         ((extract(epoch FROM t.at) * 1000)::bigint * 1000000 + 123456)::text, t.at
       FROM generate_series($1::int, $2::int) AS s,
         generate_series(1, $3::int) AS a,
         ${currencies},
         LATERAL (SELECT (a * 100000 + c.n * 1000 + s % 997)::numeric + 0.1234567890123456789 AS amount) AS x,
         LATERAL (SELECT $4::timestamptz + (s - 1) * interval '1 hour' + interval '3 seconds' AS at) AS t`,
      [from, to, ACCOUNTS, new Date(YEAR_START).toISOString()],
    );
    await sql.query("COMMIT");
  }
  await sql.query(`SELECT setval(pg_get_serial_sequence('snapshots', 'id'), $1::bigint)`, [HOURS]);
  // What autovacuum does on a server after a bulk load; the planner needs the statistics.
  await sql.query("VACUUM ANALYZE");
  // The load's WAL is recycled at a checkpoint: measure the store as it settles, not mid-load.
  await sql.query("CHECKPOINT");
  return performance.now() - started;
}

async function sizes(sql: RawSql, engine: Engine, dataDir: string): Promise<Record<string, number>> {
  const [row] = await sql.query<{ tables: string; database: string }>(
    `SELECT (pg_total_relation_size('snapshots') + pg_total_relation_size('snapshot_accounts') + pg_total_relation_size('snapshot_balances'))::text AS tables,
       pg_database_size(current_database())::text AS database`,
  );
  const result: Record<string, number> = { tablesBytes: Number(row!.tables), databaseBytes: Number(row!.database) };
  if (engine === "pglite") {
    const du = (folder: string) => Number(execFileSync("du", ["-sb", folder], { encoding: "utf8" }).split("\t")[0]);
    result.folderBytes = du(dataDir);
    result.walBytes = du(path.join(dataDir, PGLITE_FOLDER, "pg_wal"));
  }
  return result;
}

/** Milliseconds per call, warm-up runs dropped. */
async function timed(runs: number, call: (run: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let run = 0; run < WARMUP + runs; run += 1) {
    const started = performance.now();
    await call(run);
    if (run >= WARMUP) samples.push(performance.now() - started);
  }
  return samples;
}

const summary = (samples: readonly number[]) => ({ runs: samples.length, p50Ms: round(percentile(samples, 50), 1), p95Ms: round(percentile(samples, 95), 1) });

/** A time of the seeded year, the same sequence on every engine (so both answer the same questions). */
function atOf(run: number): Date {
  return new Date(YEAR_START + ((run * 7919) % HOURS) * HOUR_MS + 30 * 60_000);
}

/** The statement for `at` (lib/store/history.ts): the snapshot before it, its rows and exact totals. */
async function statement(store: Store, at: Date): Promise<number> {
  const found = await store.history.statementAt(at, { keyFingerprint: FINGERPRINT });
  if (!found) throw new Error(`no snapshot at ${at.toISOString()}`);
  return found.balances.length;
}

/** One year of daily points (lib/store/history.ts): the last snapshot of each UTC day, exact sums per currency. */
async function dailyHistory(store: Store): Promise<number> {
  const points = await store.history.historyPoints({ from: new Date(YEAR_START), to: new Date(YEAR_START + HOURS * HOUR_MS - 1), step: "day", keyFingerprint: FINGERPRINT });
  return points.length;
}

async function benchEngine(engine: Engine, server: PostgresServer | null) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-history-"));
  try {
    const location: StoreOptions = engine === "pglite" ? { databaseUrl: null, dataDir } : { databaseUrl: await server!.createDatabase(), dataDir };
    await (await openStore(location)).close();

    // Seeded and sized in plain SQL; PGlite serves one client, so the store opens after.
    const sql = await rawSql(location);
    const empty = await sizes(sql, engine, dataDir);
    const seedMs = await seed(sql);
    const seeded = await sizes(sql, engine, dataDir);
    const [{ rows } = { rows: "0" }] = await sql.query<{ rows: string }>("SELECT count(*)::text AS rows FROM snapshot_balances");
    await sql.close();

    const store = await openStore(location);
    let statementRows = 0;
    let historyPoints = 0;
    let statements: number[];
    let history: number[];
    try {
      statements = await timed(SAMPLES, async (run) => {
        statementRows = await statement(store, atOf(run));
      });
      history = await timed(SAMPLES, async () => {
        historyPoints = await dailyHistory(store);
      });
    } finally {
      await store.close();
    }

    const perYear = (bytes: number) => round((bytes * ((365 * 24) / HOURS)) / 1024 ** 2, 1);
    return {
      engine,
      balanceRows: Number(rows),
      seedSeconds: round(seedMs / 1000, 1),
      statement: { ...summary(statements), rowsPerStatement: statementRows, via: "store.history.statementAt" },
      dailyHistory: { ...summary(history), points: historyPoints, via: "store.history.historyPoints (step day)" },
      storage: {
        tablesMiBPerYear: perYear(seeded.tablesBytes! - empty.tablesBytes!),
        databaseMiB: round(seeded.databaseBytes! / 1024 ** 2, 1),
        ...(engine === "pglite"
          ? { folderMiBPerYear: perYear(seeded.folderBytes! - empty.folderBytes!), folderMiB: round(seeded.folderBytes! / 1024 ** 2, 1), walMiB: round(seeded.walBytes! / 1024 ** 2, 1) }
          : {}),
      },
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * One snapshot of a SWEEP_ACCOUNTS-account group, taken by the app's own takeSnapshot (runtime,
 * gate, nonces, rate budget) in this process, from a demo exchange over HTTP; the store is a fresh
 * embedded one (opened, and seeded with the demo's past, before the clock starts).
 */
async function sweep() {
  const openAccounts = demoGroup().accounts.filter((spec) => spec.type === "exchange" && spec.status === "open").length;
  const exchange = createDemoExchange({ extraAccounts: SWEEP_ACCOUNTS - openAccounts });
  const server = await startDemoExchangeServer(exchange, 0, "127.0.0.1");
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-sweep-"));
  try {
    // The app's configuration, read on first use: demo mode on this exchange, no cache, no schedule.
    Object.assign(process.env, {
      DEMO_EXCHANGE_URL: server.url,
      GEMINI_CALLS_PER_SECOND: String(CALLS_PER_SECOND),
      BALANCES_CACHE_TTL_MS: "0",
      DATA_DIR: dataDir,
      SNAPSHOT_SCHEDULE: "off",
    });
    const { getStore } = await import("@/lib/server/runtime");
    const { runtimeSnapshotDeps, takeSnapshot } = await import("@/lib/snapshots/take");
    const opened = performance.now();
    const store = await getStore();
    const openAndSeedMs = performance.now() - opened;
    exchange.clearRequests();
    const started = performance.now();
    const snapshot = await takeSnapshot(runtimeSnapshotDeps());
    const seconds = (performance.now() - started) / 1000;
    const stats = exchange.stats();
    await store.close();
    const floorSeconds = (CALLS_PER_ACCOUNT * SWEEP_ACCOUNTS) / CALLS_PER_SECOND;
    return {
      accounts: snapshot.accountCount,
      status: snapshot.status,
      failedAccounts: snapshot.failedAccounts.length,
      callsPerSecond: CALLS_PER_SECOND,
      upstreamCalls: stats.total,
      upstreamCallsByPath: stats.byPath,
      nonceRejections: stats.rejectedNonces,
      seconds: round(seconds, 2),
      floorSeconds,
      overFloor: round(seconds / floorSeconds, 3),
      freshStoreOpenAndDemoSeedMs: Math.round(openAndSeedMs),
    };
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // "--engines none" measures the sweep alone, "--sweep-accounts 0" skips it.
  const engines = values.engines.split(",").filter((engine) => engine !== "none") as Engine[];
  const server = engines.includes("postgres") ? await startPostgres() : null;
  try {
    const results = [];
    for (const engine of engines) results.push(await benchEngine(engine, server));
    const sweepResult = SWEEP_ACCOUNTS > 0 ? await sweep() : null;
    report("history", {
      size: { hours: HOURS, accounts: ACCOUNTS, currencies: CURRENCIES.length, days: HOURS / 24, yearStart: new Date(YEAR_START).toISOString() },
      goals: GOALS,
      results,
      sweep: sweepResult,
    });
  } finally {
    server?.stop();
  }
}

runBench(main);
