import "server-only";
import type { BalancesSnapshot } from "@/lib/balances/types";

/** Where cached snapshots live: this process's memory, or Redis shared by every instance (lib/coordination). */
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

/** Which snapshot: the key (by fingerprint, never the key itself), the account and pending. */
export function balancesCacheKey(keyId: string, account: string | null, pending: boolean): string {
  return `balances:${keyId}:${account ?? "-"}:${pending ? "pending" : "settled"}`;
}

/**
 * Balances served from a short cache, with identical reads in flight joined into one. Two levels:
 * this process's copy, then the store (Redis when shared), so a busy instance asks Redis at most
 * once per window per key too. The load is handed `peek` so it can look again once it holds the
 * key's gate: another instance may have filled the cache meanwhile, and then no upstream call is made.
 */
export interface BalancesCache {
  read(key: string, load: (peek: () => Promise<BalancesSnapshot | null>) => Promise<BalancesSnapshot>): Promise<BalancesSnapshot>;
  /** Stores a fresh snapshot (a no-op when the cache is off). */
  store(key: string, snapshot: BalancesSnapshot): Promise<void>;
}

/** What is stored: the snapshot and when it stops being fresh, so every level expires it at once. */
interface Entry {
  expiresAt: number;
  snapshot: BalancesSnapshot;
}

export function createBalancesCache(store: CacheStore, ttlMs: number, nowMs: () => number = Date.now): BalancesCache {
  const inFlight = new Map<string, Promise<BalancesSnapshot>>();
  const local = new Map<string, Entry>();

  const fresh = (key: string): BalancesSnapshot | null => {
    const entry = local.get(key);
    if (entry && entry.expiresAt > nowMs()) return entry.snapshot;
    local.delete(key);
    return null;
  };

  // Snapshots hold only strings and null, so JSON keeps every digit.
  const peek = async (key: string): Promise<BalancesSnapshot | null> => {
    if (ttlMs === 0) return null;
    const held = fresh(key);
    if (held) return held;
    const text = await store.get(key);
    if (text === null) return null;
    const entry = JSON.parse(text) as Entry;
    if (entry.expiresAt <= nowMs()) return null;
    local.set(key, entry);
    return entry.snapshot;
  };

  return {
    read(key, load) {
      const held = ttlMs === 0 ? null : fresh(key);
      if (held) return Promise.resolve(held);
      const joined = inFlight.get(key);
      if (joined) return joined;
      const loading = (async () => (await peek(key)) ?? (await load(() => peek(key))))().finally(() => inFlight.delete(key));
      inFlight.set(key, loading);
      return loading;
    },
    async store(key, snapshot) {
      if (ttlMs === 0) return;
      const entry: Entry = { expiresAt: nowMs() + ttlMs, snapshot };
      local.set(key, entry);
      await store.set(key, JSON.stringify(entry), ttlMs);
    },
  };
}
