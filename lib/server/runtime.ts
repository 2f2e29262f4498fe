import "server-only";
import { MemoryLoginThrottle, type LoginThrottle } from "@/lib/auth/throttle";
import { createBalancesCache, MemoryCacheStore, type BalancesCache } from "@/lib/balances/cache";
import { DEFAULT_CONNECTION, getConfig, type AppConfig } from "@/lib/config";
import { DEMO_DESKS_AGE_MS } from "@/lib/config/demo-accounts";
import { RedisCacheStore } from "@/lib/coordination/cache-store";
import { RedisKeyGate, RedisNonceStore, RedisRateBudget } from "@/lib/coordination/gemini-key";
import { RedisLoginThrottle } from "@/lib/coordination/login-throttle";
import { sharedRedis } from "@/lib/coordination/redis";
import { ApiError } from "@/lib/api/errors";
import { openStore, type Connection, type Store } from "@/lib/store";
import { connectionKey, connectionOf } from "@/lib/server/exchange-key";
import { isDataDirInUse } from "@/lib/snapshots/status";
import { createGeminiClient, keyFingerprint, type FetchLike, type GeminiClient } from "@/lib/gemini/client";
import { MemoryKeyGate, type KeyGate } from "@/lib/gemini/gate";
import { createHttpFetch } from "@/lib/gemini/http-fetch";
import { MemoryNonceStore, systemClock, type NonceStore } from "@/lib/gemini/nonce";
import { MemoryRateBudget, type RateBudget } from "@/lib/gemini/rate-budget";

/**
 * The composition root: the one place that knows which implementations are wired together.
 * In-process or Redis (REDIS_URL); the embedded demo exchange, a standalone one or Gemini; the
 * history store in PGlite or PostgreSQL. Features ask for what they need (getGemini,
 * getBalancesCache, getLoginThrottle, getStore) and never build an implementation themselves.
 */
interface ConnectionRuntime {
  gemini: GeminiClient;
  /** The key's fingerprint: names it in shared state without revealing it. */
  keyId: string;
  balancesCache: BalancesCache;
}

/** One client per connection (by label); every connection's key has its own nonce sequence, gate, budget and cache entries. */
interface Runtime {
  connections: ReadonlyMap<string, ConnectionRuntime>;
}

/** The host the embedded demo exchange answers as; never resolved, requests stay in-process. */
const EMBEDDED_DEMO_URL = "http://demo-exchange.invalid";

interface Coordination {
  gate: KeyGate;
  nonces: NonceStore;
  rateBudget: RateBudget;
  balancesCache: BalancesCache;
}

/**
 * With REDIS_URL every instance shares one nonce sequence, gate, rate budget and cache; else all
 * in-process. One set serves every connection: each is keyed by the key's fingerprint (the nonce,
 * gate and rate keys in Redis, the cache's keys), and no two connections share a key (lib/config).
 */
function createCoordination({ redisUrl, exchange, balancesCacheTtlMs }: AppConfig): Coordination {
  if (redisUrl === null) {
    return {
      gate: new MemoryKeyGate(systemClock),
      nonces: new MemoryNonceStore(),
      rateBudget: new MemoryRateBudget(exchange.callsPerSecond, systemClock),
      balancesCache: createBalancesCache(new MemoryCacheStore(), balancesCacheTtlMs),
    };
  }
  const redis = sharedRedis(redisUrl);
  return {
    gate: new RedisKeyGate(redis, systemClock),
    nonces: new RedisNonceStore(redis),
    rateBudget: new RedisRateBudget(redis, exchange.callsPerSecond),
    balancesCache: createBalancesCache(new RedisCacheStore(redis), balancesCacheTtlMs),
  };
}

/**
 * Requests to an embedded demo exchange, handled in this process: the demo group, or a further
 * one named after its connection (DEMO_CONNECTIONS). Its module is imported only here, on demand,
 * so a live (or standalone-exchange) server never loads or evaluates it.
 */
function embeddedDemoExchange(demoAccounts: number | null, connection: string | undefined): FetchLike {
  const exchange = import("@/lib/demo-exchange").then(({ createDemoExchange, extraAccountsFor }) =>
    createDemoExchange({
      extraAccounts: extraAccountsFor(demoAccounts),
      desksOpenedAt: demoDesksOpenedAt(),
      ...(connection === undefined ? {} : { connection }),
    }),
  );
  return async (url, init) => (await exchange).handle(new Request(url, init));
}

function createRuntime(): Runtime {
  const config = getConfig();
  const { exchange } = config;
  const coordination = createCoordination(config);
  const connections = new Map<string, ConnectionRuntime>();
  config.connections.forEach((connection, index) => {
    const { apiKey, apiSecret } = connectionKey(connection, index);
    const gemini = createGeminiClient({
      baseUrl: connection.baseUrl ?? EMBEDDED_DEMO_URL,
      apiKey,
      apiSecret,
      nonceUnit: connection.nonceUnit,
      timeoutMs: exchange.timeoutMs,
      fetch: connection.baseUrl === null ? embeddedDemoExchange(config.demoAccounts, index === 0 ? undefined : connection.label) : createHttpFetch(),
      gate: coordination.gate,
      nonces: coordination.nonces,
      rateBudget: coordination.rateBudget,
      clock: systemClock,
    });
    connections.set(connection.label, { gemini, keyId: keyFingerprint(apiKey), balancesCache: coordination.balancesCache });
  });
  return { connections };
}

// One per process, on globalThis because Next may load this module in more than one bundle.
const holder = globalThis as typeof globalThis & { __serverRuntime?: Runtime; __demoDesksOpenedAt?: number };

/** When this process's demo desks were opened: one time for its embedded exchanges and its seeded past, so they agree. */
function demoDesksOpenedAt(): number {
  holder.__demoDesksOpenedAt ??= systemClock.nowMs() - DEMO_DESKS_AGE_MS;
  return holder.__demoDesksOpenedAt;
}

/** A connection's runtime; the default connection's when not named; an unknown label is 400 unknown_connection. */
function runtime(connection?: string | null): ConnectionRuntime {
  const { connection: config } = connectionOf(connection);
  holder.__serverRuntime ??= createRuntime();
  return holder.__serverRuntime.connections.get(config.label)!;
}

/** The Gemini client of a connection (the default one when not named). */
export function getGemini(connection?: string | null): GeminiClient {
  return runtime(connection).gemini;
}

/** A connection's balances cache and the key id it is keyed by. */
export function getBalancesCache(connection?: string | null): { cache: BalancesCache; keyId: string } {
  const { balancesCache, keyId } = runtime(connection);
  return { cache: balancesCache, keyId };
}

// Apart from the runtime: signing in needs neither the Gemini client nor the demo exchange.
const throttleHolder = globalThis as typeof globalThis & { __loginThrottle?: LoginThrottle };

/** In Redis when REDIS_URL is set (the limits then hold across instances), else in this process. */
export function getLoginThrottle(): LoginThrottle {
  const { redisUrl } = getConfig();
  throttleHolder.__loginThrottle ??= redisUrl ? new RedisLoginThrottle(sharedRedis(redisUrl)) : new MemoryLoginThrottle();
  return throttleHolder.__loginThrottle;
}

// The store is opened on first use (the balances pages never wait for it), once per process.
const storeHolder = globalThis as typeof globalThis & { __historyStore?: Promise<Store> };

/**
 * The history store, opened and migrated once per process. Throws `history_off` when this
 * deployment keeps no history (several instances without DATABASE_URL): the rest works without it.
 */
export function getStore(): Promise<Store> {
  const { history, store } = getConfig();
  if (history.offReason !== null) return Promise.reject(new ApiError("history_off", history.offReason));
  storeHolder.__historyStore ??= openStore(store).then(withDemoHistory).catch((error: unknown) => {
    // A failed open (server down, DATA_DIR held by another process) is retried by the next caller.
    storeHolder.__historyStore = undefined;
    throw error;
  });
  return storeHolder.__historyStore;
}

/**
 * Opens the store in the background as the server starts, so the first request does not wait for
 * it. Fails closed: a second process on one DATA_DIR could record no audit row and keep no
 * history, so it stops here with the message naming DATABASE_URL; any other failure is logged
 * and the next use tries again.
 */
export function openStoreAtStart(): void {
  getStore().catch((error: unknown) => {
    if (isDataDirInUse(error)) {
      console.error(`\n${error.message}\n\nThe dashboard did not start.\n`);
      process.exit(1);
    }
    console.error(JSON.stringify({ event: "store_open_failed", message: error instanceof Error ? error.message : String(error) }));
  });
}

/**
 * Demo mode only (unless DEMO_HISTORY=off): an empty store gets 90 days of made-up history (marked
 * demo) so the charts show something at once. The module is loaded on demand, so a live server never evaluates it; a store
 * with any snapshot, or one another process is filling, is left alone (lib/store holds the lock).
 */
async function withDemoHistory(store: Store): Promise<Store> {
  const { mode, history } = getConfig();
  if (mode !== "demo" || !history.demoHistory) return store;
  const { seedDemoHistory } = await import("@/lib/snapshots/demo-history");
  const { extraAccountsFor } = await import("@/lib/demo-exchange");
  const { ensureDemoReceiver } = await import("@/lib/alerts/delivery/demo-destination");
  try {
    const now = new Date(systemClock.nowMs());
    // Before the seeded rules are checked: the demo's firing rule is then delivered to it.
    await ensureDemoReceiver(store, now);
    const further = getConfig()
      .connections.slice(1)
      .map(({ label }) => ({ label, connection: getSnapshotConnection(label) }));
    const desks = { extra: extraAccountsFor(getConfig().demoAccounts), openedAt: demoDesksOpenedAt() };
    const seeded = await seedDemoHistory(store, { now, connection: getSnapshotConnection(), further, desks });
    if (seeded.snapshots > 0) console.log(JSON.stringify({ event: "demo_history_seeded", ...seeded }));
  } catch (error) {
    // History without the demo's past still works: say so, keep the store.
    console.warn(JSON.stringify({ event: "demo_history_failed", message: error instanceof Error ? error.message : String(error) }));
  }
  return store;
}

/**
 * Which key a connection's snapshots come from, named without revealing it. The default
 * connection of a single-key deployment keeps the label its snapshots always had.
 */
export function getSnapshotConnection(connection?: string | null): Connection {
  const { connection: config } = connectionOf(connection);
  const single = config.label === DEFAULT_CONNECTION;
  const label = single ? (getConfig().mode === "demo" ? "Demo exchange" : "Gemini") : config.label;
  return { label, keyFingerprint: runtime(config.label).keyId };
}
