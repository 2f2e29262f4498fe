import "server-only";
import { Redis } from "ioredis";
import { CoordinationError } from "@/lib/coordination/errors";

/** Every key the dashboard writes starts with this, so a shared Redis stays tidy. */
export const REDIS_KEY_PREFIX = "gtd:";
/** A Redis that does not answer in this long counts as down. Generous: a busy event loop must not pass for a dead Redis. */
export const REDIS_COMMAND_TIMEOUT_MS = 5_000;
export const REDIS_CONNECT_TIMEOUT_MS = 2_000;
const REDIS_MAX_RECONNECT_DELAY_MS = 2_000;

export type { Redis };

/**
 * One connection per process. `rediss://` URLs connect over TLS (managed Redis such as Upstash or
 * Redis Cloud). The URL is never logged: it may carry a password.
 */
export function connectRedis(url: string): Redis {
  const redis = new Redis(url, {
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 200, REDIS_MAX_RECONNECT_DELAY_MS),
  });
  let reported = "";
  redis.on("error", (error: Error) => {
    if (error.message === reported) return; // one line per distinct failure, not one per reconnect
    reported = error.message;
    console.error(JSON.stringify({ event: "redis_error", message: error.message }));
  });
  redis.on("ready", () => {
    if (reported) console.log(JSON.stringify({ event: "redis_ready" }));
    reported = "";
  });
  return redis;
}

// One connection per process, on globalThis because Next may load this module in more than one bundle.
const holder = globalThis as typeof globalThis & { __redis?: { url: string; redis: Redis } };

/** The process's shared connection to REDIS_URL (gate, nonces, cache, budget, and any other shared state). */
export function sharedRedis(url: string): Redis {
  if (holder.__redis?.url !== url) holder.__redis = { url, redis: connectRedis(url) };
  return holder.__redis.redis;
}

/**
 * Runs a Redis operation; if Redis fails, logs it and throws a CoordinationError (the API answers
 * 503 coordination_unavailable). We fail closed rather than fall back to in-process state:
 * an instance on its own could sign with a nonce another instance has already sent.
 */
export async function coordinated<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof CoordinationError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    console.error(JSON.stringify({ event: "coordination_unavailable", operation, message }));
    throw new CoordinationError(operation);
  }
}
