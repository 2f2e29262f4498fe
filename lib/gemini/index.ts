import "server-only";
import { createBalancesCache, MemoryCacheStore, RedisCacheStore, type BalancesCache } from "@/lib/balances/cache";
import { getConfig } from "@/lib/config";
import { sharedRedis } from "@/lib/coordination/redis";
import { createDemoExchange, type DemoExchange } from "@/lib/demo-exchange";
import { createGeminiClient, keyFingerprint, type FetchLike, type GeminiClient } from "@/lib/gemini/client";
import { MemoryKeyGate, type KeyGate } from "@/lib/gemini/gate";
import { createHttpFetch } from "@/lib/gemini/http-fetch";
import { MemoryNonceStore, systemClock, type NonceStore } from "@/lib/gemini/nonce";
import { MemoryRateBudget, type RateBudget } from "@/lib/gemini/rate-budget";
import { RedisKeyGate, RedisNonceStore, RedisRateBudget } from "@/lib/gemini/redis-coordination";

export { getBalances, getNotionalBalances, getRoles, listAccounts } from "@/lib/gemini/api";
export { GeminiError } from "@/lib/gemini/errors";
export type { GeminiCaller, GeminiClient } from "@/lib/gemini/client";
export { REQUEST_BUDGET_MS } from "@/lib/gemini/retry";

/** The host the embedded demo exchange answers as; never resolved, requests stay in-process. */
const EMBEDDED_DEMO_URL = "http://demo-exchange.invalid";

interface GeminiRuntime {
  client: GeminiClient;
  /** The key's fingerprint: names it in shared state without revealing it. */
  keyId: string;
  balancesCache: BalancesCache;
  demoExchange: DemoExchange | null;
}

interface Coordination {
  gate: KeyGate;
  nonces: NonceStore;
  rateBudget: RateBudget;
  balancesCache: BalancesCache;
}

/** With REDIS_URL every instance shares one nonce sequence, gate, rate budget and cache; else all in-process. */
function createCoordination(redisUrl: string | null, callsPerSecond: number, cacheTtlMs: number): Coordination {
  if (redisUrl === null) {
    return {
      gate: new MemoryKeyGate(systemClock),
      nonces: new MemoryNonceStore(),
      rateBudget: new MemoryRateBudget(callsPerSecond, systemClock),
      balancesCache: createBalancesCache(new MemoryCacheStore(), cacheTtlMs),
    };
  }
  const redis = sharedRedis(redisUrl);
  return {
    gate: new RedisKeyGate(redis, systemClock),
    nonces: new RedisNonceStore(redis),
    rateBudget: new RedisRateBudget(redis, callsPerSecond),
    balancesCache: createBalancesCache(new RedisCacheStore(redis), cacheTtlMs),
  };
}

// One per process, on globalThis because Next may load this module in more than one bundle.
const holder = globalThis as typeof globalThis & { __geminiRuntime?: GeminiRuntime };

function createRuntime(): GeminiRuntime {
  const { exchange, redisUrl, balancesCacheTtlMs } = getConfig();
  const coordination = createCoordination(redisUrl, exchange.callsPerSecond, balancesCacheTtlMs);
  const demoExchange = exchange.baseUrl === null ? createDemoExchange() : null;
  const fetchImpl: FetchLike = demoExchange
    ? (url, init) => demoExchange.handle(new Request(url, init))
    : createHttpFetch();
  const client = createGeminiClient({
    baseUrl: exchange.baseUrl ?? EMBEDDED_DEMO_URL,
    apiKey: exchange.apiKey,
    apiSecret: exchange.apiSecret,
    nonceUnit: exchange.nonceUnit,
    timeoutMs: exchange.timeoutMs,
    fetch: fetchImpl,
    gate: coordination.gate,
    nonces: coordination.nonces,
    rateBudget: coordination.rateBudget,
    clock: systemClock,
  });
  return { client, keyId: keyFingerprint(exchange.apiKey), balancesCache: coordination.balancesCache, demoExchange };
}

function runtime(): GeminiRuntime {
  holder.__geminiRuntime ??= createRuntime();
  return holder.__geminiRuntime;
}

export function getGemini(): GeminiClient {
  return runtime().client;
}

/** The balances cache and the key id it is keyed by (the cache itself lives in lib/balances/cache). */
export function getBalancesCache(): { cache: BalancesCache; keyId: string } {
  const { balancesCache, keyId } = runtime();
  return { cache: balancesCache, keyId };
}
