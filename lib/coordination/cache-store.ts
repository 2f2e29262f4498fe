import "server-only";
import type { CacheStore } from "@/lib/balances/cache";
import { coordinated, REDIS_KEY_PREFIX, type Redis } from "@/lib/coordination/redis";

/** The balances cache shared by every instance: text under a prefixed key, expired by Redis itself. */
export class RedisCacheStore implements CacheStore {
  constructor(private readonly redis: Redis) {}

  get(key: string): Promise<string | null> {
    return coordinated("cache", () => this.redis.get(`${REDIS_KEY_PREFIX}cache:${key}`));
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await coordinated("cache", () => this.redis.set(`${REDIS_KEY_PREFIX}cache:${key}`, value, "PX", ttlMs));
  }
}
