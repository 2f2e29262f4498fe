import "server-only";
import { coordinated, REDIS_KEY_PREFIX, type Redis } from "@/lib/coordination/redis";
import type { BalancesSnapshot } from "@/lib/balances/types";

/** Where cached snapshots live: this process's memory, or Redis shared by every instance. */
export interface CacheStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  async get(key: string): Promise<string | null> {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.nowMs()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { value, expiresAt: this.nowMs() + ttlMs });
  }
}

export class RedisCacheStore implements CacheStore {
  constructor(private readonly redis: Redis) {}

  get(key: string): Promise<string | null> {
    return coordinated("cache", () => this.redis.get(`${REDIS_KEY_PREFIX}cache:${key}`));
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await coordinated("cache", () => this.redis.set(`${REDIS_KEY_PREFIX}cache:${key}`, value, "PX", ttlMs));
  }
}

/** Which snapshot: the key (by fingerprint, never the key itself), the account and pending. */
export function balancesCacheKey(keyId: string, account: string | null, pending: boolean): string {
  return `balances:${keyId}:${account ?? "-"}:${pending ? "pending" : "settled"}`;
}

/**
 * Balances served from a short cache, with identical reads in flight joined into one. The load
 * is handed `peek` so it can look again once it holds the key's gate: another instance may have
 * filled the cache meanwhile, and then no upstream call is made at all.
 */
export interface BalancesCache {
  read(key: string, load: (peek: () => Promise<BalancesSnapshot | null>) => Promise<BalancesSnapshot>): Promise<BalancesSnapshot>;
  /** Stores a fresh snapshot (a no-op when the cache is off). */
  store(key: string, snapshot: BalancesSnapshot): Promise<void>;
}

export function createBalancesCache(store: CacheStore, ttlMs: number): BalancesCache {
  const inFlight = new Map<string, Promise<BalancesSnapshot>>();

  // Snapshots hold only strings and null, so JSON keeps every digit.
  const peek = async (key: string): Promise<BalancesSnapshot | null> => {
    if (ttlMs === 0) return null;
    const text = await store.get(key);
    return text === null ? null : (JSON.parse(text) as BalancesSnapshot);
  };

  return {
    async read(key, load) {
      const cached = await peek(key);
      if (cached) return cached;
      const joined = inFlight.get(key);
      if (joined) return joined;
      const loading = load(() => peek(key)).finally(() => inFlight.delete(key));
      inFlight.set(key, loading);
      return loading;
    },
    async store(key, snapshot) {
      if (ttlMs > 0) await store.set(key, JSON.stringify(snapshot), ttlMs);
    },
  };
}
