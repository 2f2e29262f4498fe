import { describe, expect, it } from "vitest";
import { balancesCacheKey, createBalancesCache, MemoryCacheStore } from "@/lib/balances/cache";
import type { BalancesSnapshot } from "@/lib/balances/types";

const KEY = balancesCacheKey("fp", "primary", false);
const snapshot = (amount: string): BalancesSnapshot => ({
  staking: { state: "staked", balances: [] },
  timestamp: "1710547200000000001",
  balances: [{ type: "exchange", currency: "BTC", amount, available: amount, availableForWithdrawal: amount }],
});

function setup(ttlMs: number) {
  let now = 1_000;
  const store = new MemoryCacheStore(() => now);
  const cache = createBalancesCache(store, ttlMs, () => now);
  let loads = 0;
  /** A load that finishes when `finish` is called, storing like the service does. */
  const pending: Array<() => void> = [];
  const load = (amount: string) => async (peek: () => Promise<BalancesSnapshot | null>) => {
    const filled = await peek();
    if (filled) return filled;
    loads += 1;
    await new Promise<void>((resolve) => pending.push(resolve));
    const fresh = snapshot(amount);
    await cache.store(KEY, fresh);
    return fresh;
  };
  const finishAll = async () => {
    while (pending.length === 0) await Promise.resolve();
    pending.splice(0).forEach((finish) => finish());
  };
  /** Another instance: its own process memory, the same store. */
  const otherInstance = () => createBalancesCache(store, ttlMs, () => now);
  return { cache, otherInstance, load, finishAll, loads: () => loads, advance: (ms: number) => (now += ms) };
}

describe("balances cache", () => {
  it("joins identical reads in flight into one load", async () => {
    const { cache, load, finishAll, loads } = setup(5_000);
    const reads = Array.from({ length: 50 }, () => cache.read(KEY, load("1.5")));
    await finishAll();
    const results = await Promise.all(reads);
    expect(loads()).toBe(1);
    expect(new Set(results.map((result) => result.balances[0]!.amount))).toEqual(new Set(["1.5"]));
  });

  it("serves the cached snapshot digit for digit within the TTL, and loads again after it", async () => {
    const { cache, load, finishAll, loads, advance } = setup(5_000);
    const first = cache.read(KEY, load("0.1234567890123456789"));
    await finishAll();
    await first;
    advance(4_999);
    expect((await cache.read(KEY, load("2"))).balances[0]!.amount).toBe("0.1234567890123456789");
    expect(loads()).toBe(1);
    advance(1);
    const second = cache.read(KEY, load("2"));
    await finishAll();
    expect((await second).balances[0]!.amount).toBe("2");
    expect(loads()).toBe(2);
  });

  it("with TTL 0 caches nothing but still joins reads in flight", async () => {
    const { cache, load, finishAll, loads } = setup(0);
    const joined = [cache.read(KEY, load("1")), cache.read(KEY, load("1"))];
    await finishAll();
    await Promise.all(joined);
    expect(loads()).toBe(1);
    const again = cache.read(KEY, load("1"));
    await finishAll();
    await again;
    expect(loads()).toBe(2);
  });

  it("does not cache a failure", async () => {
    const { cache, load, finishAll, loads } = setup(5_000);
    await expect(cache.read(KEY, async () => Promise.reject(new Error("upstream down")))).rejects.toThrow("upstream down");
    const next = cache.read(KEY, load("3"));
    await finishAll();
    expect((await next).balances[0]!.amount).toBe("3");
    expect(loads()).toBe(1);
  });

  it("serves what another instance stored, and expires it on the same schedule", async () => {
    const { cache, otherInstance, load, finishAll, loads, advance } = setup(5_000);
    await otherInstance().store(KEY, snapshot("9"));
    advance(4_000);
    expect((await cache.read(KEY, load("1"))).balances[0]!.amount).toBe("9");
    advance(1_000);
    const next = cache.read(KEY, load("1"));
    await finishAll();
    expect((await next).balances[0]!.amount).toBe("1");
    expect(loads()).toBe(1);
  });

  it("lets a load find what another instance stored while it waited (no upstream call)", async () => {
    const { cache, otherInstance, loads } = setup(5_000);
    const result = await cache.read(KEY, async (peek) => {
      await otherInstance().store(KEY, snapshot("7")); // the other instance finished first
      const filled = await peek();
      if (!filled) throw new Error("peek saw nothing");
      return filled;
    });
    expect(result.balances[0]!.amount).toBe("7");
    expect(loads()).toBe(0);
  });

  it("keeps keys, accounts and pending apart", () => {
    const keys = [
      balancesCacheKey("a", "primary", false),
      balancesCacheKey("a", "primary", true),
      balancesCacheKey("a", "treasury", false),
      balancesCacheKey("b", "primary", false),
      balancesCacheKey("a", null, false),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
