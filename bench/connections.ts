/**
 * Several connections: three Gemini keys, each on its own strict demo exchange that refuses (429,
 * at once) any call beyond 5 a second for a key, behind a 100 ms upstream, the app on a real
 * redis-server (REDIS_URL: each key's nonce, gate and budget live there under its fingerprint) and,
 * as several instances with sign-in require, sessions on a real PostgreSQL server.
 *
 * - baseline: one connection alone reads every account's balances (cache off), as fast as its
 *   key's budget lets it;
 * - ours: the same reads on all three connections at once. With a budget per key the three take
 *   as long as one; a budget shared by the keys would take three times as long, and a budget not
 *   kept would meet 429s.
 */
import { parseArgs } from "node:util";
import { demoConnectionKey } from "../lib/demo-exchange/credentials";
import { demoExchange } from "../testkit/demo-exchange";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { startPostgres, type PostgresServer } from "../testkit/postgres-server";
import { startRedis, type RedisProcess } from "../testkit/redis-server";
import { sessionCookie, signInEnv } from "../testkit/sign-in";
import { report, runBench } from "./support/report";
import { round } from "./support/stats";

const LABELS = ["us-entity", "sg-entity", "eu-entity"] as const;
const UPSTREAM_LATENCY_MS = 100;
const CALLS_PER_SECOND = 5;
/** Requests in flight per connection: more than the budget allows, so the budget is what paces them. */
const CONCURRENCY = 8;
const GOAL_PARALLEL_OVER_ALONE = 1.1;

const { values } = parseArgs({ options: { smoke: { type: "boolean", default: false } }, strict: true });
/** Open exchange accounts per connection. */
const ACCOUNTS = values.smoke ? 4 : 30;

const envName = (label: string) => label.toUpperCase().replaceAll("-", "_");

interface AccountsJson {
  accounts: { account: string; type: string; status: string }[];
}

/** The signed-in user's session (live keys require sign-in). */
let cookie = "";
const get = (url: string) => fetch(url, { headers: { cookie } });

async function exchangeAccounts(app: Running, label: string): Promise<string[]> {
  const response = await get(`${app.url}/api/accounts?connection=${label}`);
  if (!response.ok) throw new Error(`/api/accounts?connection=${label}: ${response.status} ${await response.text()}`);
  const { accounts } = (await response.json()) as AccountsJson;
  return accounts.filter((account) => account.type === "exchange" && account.status === "open").map((account) => account.account);
}

/** Reads every account's balances through the app, CONCURRENCY at a time; every answer must be 200. */
async function readAll(app: Running, label: string, accounts: readonly string[]): Promise<number> {
  const started = performance.now();
  const queue = [...accounts];
  const worker = async () => {
    for (let account = queue.shift(); account !== undefined; account = queue.shift()) {
      const response = await get(`${app.url}/api/balances?connection=${label}&account=${encodeURIComponent(account)}`);
      if (response.status !== 200) throw new Error(`${label}/${account}: ${response.status} ${await response.text()}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return performance.now() - started;
}

interface Counted {
  calls: number;
  refused: number;
  rejectedNonces: number;
}

async function counted(exchange: Running, run: () => Promise<number>): Promise<Counted & { ms: number }> {
  const client = demoExchange(exchange.url);
  await client.clearRequests();
  const ms = await run();
  const stats = await client.stats();
  return { ms, calls: stats.total, refused: stats.byOutcome.rejected ?? 0, rejectedNonces: stats.rejectedNonces };
}

async function main(): Promise<void> {
  let redis: RedisProcess | undefined;
  let postgres: PostgresServer | undefined;
  const exchanges: Running[] = [];
  let app: Running | undefined;
  try {
    redis = await startRedis();
    postgres = await startPostgres();
    for (const label of LABELS) {
      exchanges.push(
        await startExchange(["--connection", label, "--accounts", String(ACCOUNTS + 2), "--no-drift", "--calls-per-second", String(CALLS_PER_SECOND)]),
      );
    }
    const env: Record<string, string> = {
      GEMINI_CONNECTIONS: LABELS.join(","),
      GEMINI_CALLS_PER_SECOND: String(CALLS_PER_SECOND),
      BALANCES_CACHE_TTL_MS: "0",
      REDIS_URL: redis.url,
      DATABASE_URL: await postgres.createDatabase(),
      ...signInEnv,
    };
    LABELS.forEach((label, index) => {
      const key = demoConnectionKey(label);
      env[`GEMINI_API_KEY_${envName(label)}`] = key.key;
      env[`GEMINI_API_SECRET_${envName(label)}`] = key.secret;
      env[`GEMINI_API_URL_${envName(label)}`] = exchanges[index]!.url;
    });
    app = await startApp({ env });
    cookie = await sessionCookie(app.url);
    const accounts = await Promise.all(LABELS.map((label) => exchangeAccounts(app!, label)));
    // Latency after the account lists, so only the timed reads wait for it.
    for (const exchange of exchanges) await demoExchange(exchange.url).setLatency(UPSTREAM_LATENCY_MS);

    const alone = await counted(exchanges[0]!, () => readAll(app!, LABELS[0], accounts[0]!));
    const parallel = await Promise.all(LABELS.map((label, index) => counted(exchanges[index]!, () => readAll(app!, label, accounts[index]!))));
    const slowest = Math.max(...parallel.map((run) => run.ms));
    const floorMs = (calls: number) => (calls / CALLS_PER_SECOND) * 1000;

    report("connections", {
      settings: {
        connections: LABELS.length,
        accountsPerConnection: ACCOUNTS,
        upstreamLatencyMs: UPSTREAM_LATENCY_MS,
        callsPerSecondPerKey: CALLS_PER_SECOND,
        exchange: "strict: a bucket of 5 a second per key, 429 at once beyond it",
        concurrencyPerConnection: CONCURRENCY,
        redis: true,
        smoke: values.smoke,
      },
      baselineOneConnectionAlone: { ms: round(alone.ms, 1), calls: alone.calls, floorMs: floorMs(alone.calls), refused429: alone.refused, rejectedNonces: alone.rejectedNonces },
      oursThreeInParallel: LABELS.map((label, index) => ({
        connection: label,
        ms: round(parallel[index]!.ms, 1),
        calls: parallel[index]!.calls,
        floorMs: floorMs(parallel[index]!.calls),
        refused429: parallel[index]!.refused,
        rejectedNonces: parallel[index]!.rejectedNonces,
      })),
      slowestParallelOverAlone: round(slowest / alone.ms, 3),
      goalSlowestParallelOverAlone: GOAL_PARALLEL_OVER_ALONE,
      refused429InAll: alone.refused + parallel.reduce((sum, run) => sum + run.refused, 0),
    });
  } finally {
    await stopAll([app, ...exchanges, redis]);
    postgres?.stop();
  }
}

runBench(main);
