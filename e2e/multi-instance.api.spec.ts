/**
 * Many instances, one key: a real redis-server, one strict demo exchange that rejects any nonce
 * lower than one it has seen (with jitter, so calls that raced would arrive out of order), and
 * two production app processes sharing the demo master key through REDIS_URL.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { Redis } from "ioredis";
import { DEMO_MASTER_KEY } from "../lib/demo-exchange/credentials";
import { startPostgres } from "../testkit/postgres-server";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { startRedis, type RedisProcess } from "../testkit/redis-server";
import { liveEnv, signInEnv, TEST_USER, THROTTLED_USER } from "../testkit/sign-in";

const REQUESTS = 500;
const CACHE_TTL_MS = 5_000; // the default BALANCES_CACHE_TTL_MS, set explicitly here
const ACCOUNTS = ["primary", "treasury"]; // payroll is kept out of the burst for the tests after it
const PATHS = [
  ...ACCOUNTS.flatMap((account) => [`/api/balances?account=${account}&pending=false`, `/api/balances?account=${account}&pending=true`]),
  "/api/accounts",
];

interface Recorded {
  time: string;
  path: string;
  account: string | null;
  showPendingBalances: boolean | null;
  status: number | null;
}
interface Stats {
  total: number;
  byPath: Record<string, number>;
  rejectedNonces: number;
  maxInFlightByKey: Record<string, number>;
}

/** Everything this file started, stopped after its last test. */
const started: { stop(): Promise<void> }[] = [];
const track = async <T extends { stop(): Promise<void> }>(starting: Promise<T>): Promise<T> => {
  const running = await starting;
  started.push(running);
  return running;
};
let redis: RedisProcess;
let exchange: Running;
let apps: Running[];

const json = async <T>(url: string, init?: RequestInit): Promise<T> => (await fetch(url, init)).json() as Promise<T>;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = await track(startRedis());
  exchange = await track(startExchange(["--latency-ms", "5", "--jitter-ms", "25"]));
  const env = { DEMO_EXCHANGE_URL: exchange.url, REDIS_URL: redis.url, BALANCES_CACHE_TTL_MS: String(CACHE_TTL_MS) };
  apps = await Promise.all([track(startApp({ env })), track(startApp({ env }))]);
});

test.afterAll(async () => {
  await stopAll(started);
});

test(`${REQUESTS} mixed concurrent requests across two instances: no nonce rejected, one call in flight, upstream calls coalesced`, async () => {
  test.setTimeout(120_000);
  await fetch(`${exchange.url}/__demo/requests`, { method: "DELETE" });

  const responses = await Promise.all(
    Array.from({ length: REQUESTS }, async (_, index) => {
      const response = await fetch(`${apps[index % 2]!.url}${PATHS[index % PATHS.length]}`);
      return { status: response.status, body: await response.text() };
    }),
  );
  const failures = responses.filter((response) => response.status !== 200);
  expect(failures, JSON.stringify(failures.slice(0, 3))).toEqual([]);

  const stats = await json<Stats>(`${exchange.url}/__demo/stats`);
  expect(stats.rejectedNonces).toBe(0);
  expect(stats.maxInFlightByKey[DEMO_MASTER_KEY]).toBe(1);
  expect(stats.byPath["/v1/account/list"] ?? 0).toBeLessThanOrEqual(2); // one per instance per hour of TTL

  // Coalescing: a (account, pending) pair is fetched again only once its cache entry expired, so
  // any two upstream calls for one pair arrive at least a cache window apart.
  const { requests } = await json<{ requests: Recorded[] }>(`${exchange.url}/__demo/requests`);
  const balanceCalls = requests.filter((call) => call.path === "/v1/balances");
  expect(balanceCalls.length).toBe(stats.byPath["/v1/balances"]);
  expect(balanceCalls.every((call) => call.status === 200)).toBe(true);
  const byPair = new Map<string, Recorded[]>();
  for (const call of balanceCalls) {
    const pair = `${call.account}:${call.showPendingBalances === true}`;
    byPair.set(pair, [...(byPair.get(pair) ?? []), call]);
  }
  expect(byPair.size).toBe(ACCOUNTS.length * 2);
  for (const calls of byPair.values()) {
    const times = calls.map((call) => Date.parse(call.time));
    for (let index = 1; index < times.length; index += 1) {
      expect(times[index]! - times[index - 1]!).toBeGreaterThanOrEqual(CACHE_TTL_MS);
    }
  }
  expect(balanceCalls.length).toBeLessThan(REQUESTS / 10);
});

test("one instance's fetch is the other's cache hit", async () => {
  const path = "/api/balances?account=payroll&pending=false";
  const first = await json<{ timestamp: string }>(`${apps[0]!.url}${path}`);
  // Hold the shared entry open past any machine hiccup, so the second read must find it.
  const cache = new Redis(redis.url);
  const [key] = await cache.keys("gtd:cache:balances:*:payroll:settled");
  const entry = JSON.parse((await cache.get(key!))!) as { expiresAt: number; snapshot: { timestamp: string } };
  expect(entry.snapshot.timestamp).toBe(first.timestamp);
  await cache.set(key!, JSON.stringify({ ...entry, expiresAt: Date.now() + 60_000 }), "PX", 60_000);
  cache.disconnect();
  await fetch(`${exchange.url}/__demo/requests`, { method: "DELETE" });
  const second = await json<{ timestamp: string }>(`${apps[1]!.url}${path}`);
  expect(second.timestamp).toBe(first.timestamp);
  expect((await json<Stats>(`${exchange.url}/__demo/stats`)).total).toBe(0);
});

test("a managed Redis over TLS (rediss://) works the same", async () => {
  const tlsRedis = await track(startRedis({ tls: true }));
  const ownExchange = await track(startExchange());
  const app = await track(
    startApp({
      env: {
        DEMO_EXCHANGE_URL: ownExchange.url,
        REDIS_URL: tlsRedis.url,
        NODE_EXTRA_CA_CERTS: tlsRedis.caFile!, // how a private CA is trusted; managed Redis needs nothing
      },
    }),
  );
  const response = await fetch(`${app.url}/api/balances?account=primary&pending=false`);
  expect(response.status).toBe(200);
  const client = new Redis(tlsRedis.url, { tls: { ca: readFileSync(tlsRedis.caFile!) } });
  expect(await client.keys("gtd:nonce:*")).toHaveLength(1);
  expect(await client.keys("gtd:cache:balances:*:primary:settled")).toHaveLength(1);
  client.disconnect();
});

test("live mode with sign-in: a session from one instance works on the other, the sign-in limit holds across both, and a Redis outage fails sign-in closed", async () => {
  const liveRedis = await track(startRedis());
  const liveExchange = await track(startExchange());
  // Sign-in with several instances needs the sessions in a shared PostgreSQL server.
  const postgres = await startPostgres();
  started.push({ stop: async () => postgres.stop() });
  const env = { ...liveEnv(liveExchange.url), ...signInEnv, REDIS_URL: liveRedis.url, DATABASE_URL: await postgres.createDatabase() };
  const [first, second] = await Promise.all([track(startApp({ env })), track(startApp({ env }))]);
  const signIn = (app: Running, credentials: { username: string; password: string }) =>
    fetch(`${app.url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(credentials),
    });

  const signedIn = await signIn(first!, TEST_USER);
  expect(signedIn.status).toBe(200);
  const cookie = signedIn.headers.get("set-cookie")!.split(";")[0]!;
  const balances = await fetch(`${second!.url}/api/balances?account=primary&pending=false`, { headers: { cookie } });
  expect(balances.status).toBe(200);
  expect((await fetch(`${second!.url}/api/balances?account=primary&pending=false`)).status).toBe(401);

  // Five wrong passwords spread over both instances use up the one shared allowance.
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const wrong = await signIn(attempt % 2 ? first! : second!, { username: THROTTLED_USER.username, password: `wrong-${attempt}` });
    expect(wrong.status).toBe(401);
  }
  for (const app of [first!, second!]) {
    const blocked = await signIn(app, THROTTLED_USER);
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe("too_many_attempts");
  }

  // Redis down during sign-in: the attempt cannot be counted, so sign-in fails closed as a
  // coordination failure (not an upstream Gemini one) and sets no cookie.
  await liveRedis.stop();
  const outage = await signIn(first!, TEST_USER);
  expect(outage.status).toBe(503);
  expect(((await outage.json()) as { error: { code: string } }).error.code).toBe("coordination_unavailable");
  expect(outage.headers.get("set-cookie")).toBeNull();
});

test("with Redis down, requests fail with 503 coordination_unavailable and nothing is sent upstream", async () => {
  await fetch(`${exchange.url}/__demo/requests`, { method: "DELETE" });
  await redis.stop();
  const response = await fetch(`${apps[0]!.url}/api/balances?account=payroll&pending=true`);
  expect(response.status).toBe(503);
  expect(((await response.json()) as { error: { code: string } }).error.code).toBe("coordination_unavailable");
  expect((await json<Stats>(`${exchange.url}/__demo/stats`)).total).toBe(0);
});
