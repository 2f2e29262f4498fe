import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisCacheStore } from "@/lib/coordination/cache-store";
import { CoordinationError } from "@/lib/coordination/errors";
import { REDIS_KEY_PREFIX } from "@/lib/coordination/redis";
import { freePort } from "@/testkit/processes";
import { startRedis, type RedisProcess } from "@/testkit/redis-server";

// A real redis-server, started for this file on a free port.
let server: RedisProcess;
const connections: Redis[] = [];
/** A separate connection per simulated instance, as separate processes would have. */
const connect = (url = server.url) => {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1_000, retryStrategy: () => null });
  redis.on("error", () => undefined);
  connections.push(redis);
  return redis;
};

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  connections.forEach((redis) => redis.disconnect());
  await server?.stop();
});

describe("RedisCacheStore", () => {
  it("stores text with its TTL and reads it back from another instance", async () => {
    await new RedisCacheStore(connect()).set("k", '{"amount":"0.1234567890123456789"}', 5_000);
    expect(await new RedisCacheStore(connect()).get("k")).toBe('{"amount":"0.1234567890123456789"}');
    const ttl = await connect().pttl(`${REDIS_KEY_PREFIX}cache:k`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
  });

  it("fails with a CoordinationError when Redis is down", async () => {
    const store = new RedisCacheStore(connect(`redis://127.0.0.1:${await freePort()}`));
    await expect(store.get("k")).rejects.toMatchObject({ operation: "cache" });
    await expect(store.set("k", "{}", 1_000)).rejects.toBeInstanceOf(CoordinationError);
  });
});
