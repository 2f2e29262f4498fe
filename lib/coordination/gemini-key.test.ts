import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CoordinationError } from "@/lib/coordination/errors";
import { GATE_LEASE_MS, RedisKeyGate, RedisNonceStore, RedisRateBudget } from "@/lib/coordination/gemini-key";
import { REDIS_KEY_PREFIX } from "@/lib/coordination/redis";
import { createDemoExchange, DEMO_MASTER_KEY, DEMO_MASTER_SECRET } from "@/lib/demo-exchange";
import { createGeminiClient } from "@/lib/gemini/client";
import { systemClock } from "@/lib/gemini/nonce";
import { toApiError } from "@/lib/api/to-api-error";
import { fakeClock, manualClock } from "@/testkit/fake-clock";
import { freePort } from "@/testkit/processes";
import { ageRedisKeys, startRedis, type RedisProcess } from "@/testkit/redis-server";

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

const byValue = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

describe("RedisNonceStore", () => {
  it("never hands out the same nonce twice, nor one that goes down, across 10 instances x 100 concurrent claims", async () => {
    const stores = Array.from({ length: 10 }, () => new RedisNonceStore(connect()));
    const start = 1_700_000_000_000n;
    const perInstance = await Promise.all(
      stores.map(async (store, instance) => {
        const claimed: bigint[] = [];
        await Promise.all(
          Array.from({ length: 100 }, async (_, index) => {
            // Clocks that disagree and step back: candidates below, at and above what was claimed.
            claimed.push(await store.claim("multi", start + BigInt((index * 7 + instance * 13) % 50)));
          }),
        );
        return claimed;
      }),
    );
    const all = perInstance.flat();
    expect(new Set(all).size).toBe(1_000);
    // Each instance's claims, in the order they came back, only go up.
    for (const claimed of perInstance) expect(claimed).toEqual([...claimed].sort(byValue));
  });

  it("follows the clock when it is ahead, and last + 1 when it is not", async () => {
    const store = new RedisNonceStore(connect());
    expect(await store.claim("follow", 5_000n)).toBe(5_000n);
    expect(await store.claim("follow", 4_000n)).toBe(5_001n);
    expect(await store.claim("follow", 9_000n)).toBe(9_000n);
  });

  it("is exact beyond 2^53 (no Lua float holds a nonce)", async () => {
    const store = new RedisNonceStore(connect());
    expect(await store.claim("wide", 9_007_199_254_740_993n)).toBe(9_007_199_254_740_993n);
    expect(await store.claim("wide", 1n)).toBe(9_007_199_254_740_994n);
  });
});

describe("RedisKeyGate", () => {
  const deadline = () => Date.now() + 10_000;
  /** Polls far enough apart that waiting out a whole lease takes a few of them. */
  const POLL_MS = 250;

  it("lets one holder in at a time across instances", async () => {
    const gates = [new RedisKeyGate(connect(), systemClock), new RedisKeyGate(connect(), systemClock), new RedisKeyGate(connect(), systemClock)];
    let inside = 0;
    let most = 0;
    let done = 0;
    await Promise.all(
      gates.flatMap((gate) =>
        Array.from({ length: 15 }, () =>
          gate.run("exclusive", deadline(), async (lease) => {
            inside += 1;
            most = Math.max(most, inside);
            await lease.confirm();
            await new Promise((resolve) => setTimeout(resolve, 2));
            inside -= 1;
            done += 1;
          }),
        ),
      ),
    );
    expect(done).toBe(45);
    expect(most).toBe(1);
  });

  it("takes over a lock whose holder died once its lease runs out, not before", async () => {
    const redis = connect();
    await redis.set(`${REDIS_KEY_PREFIX}gate:orphan`, "a-crashed-instance", "PX", GATE_LEASE_MS);
    // Each poll's wait passes on Redis's clock too, so the orphan's lease runs out as it would.
    const clock = fakeClock(undefined, { onAdvance: (ms) => ageRedisKeys(redis, ms, `${REDIS_KEY_PREFIX}gate:orphan`) });
    const gate = new RedisKeyGate(connect(), clock, { pollMs: POLL_MS });
    let waited: number | null = null;
    await gate.run("orphan", clock.nowMs() + 60_000, async () => {
      // What the polls slept (each under 2 polls; the holder's renewals sleep longer).
      waited = clock.slept.filter((ms) => ms < 2 * POLL_MS).reduce((sum, ms) => sum + ms, 0);
      expect(await redis.get(`${REDIS_KEY_PREFIX}gate:orphan`)).not.toBe("a-crashed-instance");
    });
    // Redis's real clock ran a little too, so the last poll may come up to one poll early.
    expect(waited).toBeGreaterThan(GATE_LEASE_MS - 2 * POLL_MS);
    expect(waited).toBeLessThan(GATE_LEASE_MS + 2 * POLL_MS);
    expect(await redis.exists(`${REDIS_KEY_PREFIX}gate:orphan`)).toBe(0); // released on completion
  });

  it("times out, without running, when the lock is not free before the deadline", async () => {
    const redis = connect();
    await redis.set(`${REDIS_KEY_PREFIX}gate:busy`, "someone-else", "PX", 60_000);
    let ran = false;
    const clock = fakeClock();
    const attempt = new RedisKeyGate(connect(), clock).run("busy", clock.nowMs() + 100, async () => {
      ran = true;
    });
    await expect(attempt).rejects.toMatchObject({ kind: "timeout" });
    expect(ran).toBe(false);
  });

  it("renews the lease of a long holder, and fences a holder whose lease was lost", async () => {
    const redis = connect();
    const key = `${REDIS_KEY_PREFIX}gate:long`;
    const [leaseMs, renewEveryMs] = [600, 100];
    // Background renewals wake only as the test moves time; Redis's TTLs move with it.
    const clock = manualClock(undefined, { onAdvance: (ms) => ageRedisKeys(redis, ms, key) });
    const gate = new RedisKeyGate(connect(), clock, { leaseMs, renewEveryMs });
    await gate.run("long", clock.nowMs() + 60_000, async (lease) => {
      // 1.5 s of holding, more than twice the lease: each step wakes one renewal, which restores the TTL.
      for (let held = 0; held < 1_500; held += renewEveryMs) {
        await expect.poll(() => clock.sleeping()).toBe(1); // the renewal waits for its next turn
        await clock.advance(renewEveryMs);
        await expect.poll(() => redis.pttl(key)).toBeGreaterThan(leaseMs - renewEveryMs);
      }
      await expect(lease.confirm()).resolves.toBeUndefined();
      await redis.del(key); // as if it had expired and been taken
      await expect(lease.confirm()).rejects.toBeInstanceOf(CoordinationError);
    });
  });

  it("control: without renewals the same hold loses its lease", async () => {
    const redis = connect();
    const key = `${REDIS_KEY_PREFIX}gate:unrenewed`;
    const clock = manualClock(undefined, { onAdvance: (ms) => ageRedisKeys(redis, ms, key) });
    // Renewals far apart: the first would come after the lease has run out.
    const gate = new RedisKeyGate(connect(), clock, { leaseMs: 600, renewEveryMs: 60_000 });
    await gate.run("unrenewed", clock.nowMs() + 120_000, async (lease) => {
      await clock.advance(1_500);
      expect(await redis.exists(key)).toBe(0);
      await expect(lease.confirm()).rejects.toBeInstanceOf(CoordinationError);
    });
  });
});

describe("RedisRateBudget", () => {
  it("books slots for the whole deployment at least 1/rate apart", async () => {
    const budgets = [new RedisRateBudget(connect(), 5), new RedisRateBudget(connect(), 5)];
    const startedAt = Date.now();
    const waits: number[] = [];
    for (let index = 0; index < 10; index += 1) waits.push(await budgets[index % 2]!.reserve("paced"));
    const elapsed = Date.now() - startedAt;
    // Ten back-to-back reservations span nine 200 ms gaps, less what the wall clock already covered.
    expect(waits[0]).toBe(0);
    expect(waits[9]! + elapsed).toBeGreaterThanOrEqual(9 * 200);
  });
});

describe("when Redis is down", () => {
  it("fails the request with coordination_unavailable and sends nothing to Gemini", async () => {
    const down = connect(`redis://127.0.0.1:${await freePort()}`);
    const exchange = createDemoExchange();
    const client = createGeminiClient({
      baseUrl: "http://demo.invalid",
      apiKey: DEMO_MASTER_KEY,
      apiSecret: DEMO_MASTER_SECRET,
      nonceUnit: "milliseconds",
      timeoutMs: 1_000,
      fetch: (url, init) => exchange.handle(new Request(url, init)),
      gate: new RedisKeyGate(down, systemClock),
      nonces: new RedisNonceStore(down),
      rateBudget: new RedisRateBudget(down, 5),
      clock: systemClock,
    });
    const caught = await client.post("/v1/balances", { account: "primary" }, { read: true }).catch((error: unknown) => error);
    // A Redis failure, never a GeminiError: the API answers it with its own 503.
    expect(caught).toBeInstanceOf(CoordinationError);
    expect(toApiError(caught)).toMatchObject({ status: 503, code: "coordination_unavailable" });
    expect(exchange.stats().total).toBe(0);
  });
});

describe("two keys (several connections)", () => {
  it("never share a nonce sequence, a gate or a rate budget: each Redis key names the key's fingerprint", async () => {
    const redis = connect();
    const nonces = new RedisNonceStore(redis);
    expect(await nonces.claim("fingerprint-us", 1_000n)).toBe(1_000n);
    // A shared sequence would answer 1001 here.
    expect(await nonces.claim("fingerprint-sg", 5n)).toBe(5n);

    const budget = new RedisRateBudget(redis, 5);
    for (let index = 0; index < 4; index += 1) await budget.reserve("fingerprint-us");
    expect(await budget.reserve("fingerprint-sg")).toBe(0);

    const gate = new RedisKeyGate(redis, systemClock);
    let releaseUs = (): void => undefined;
    let entered = (): void => undefined;
    const held = new Promise<void>((resolve) => (entered = resolve));
    const us = gate.run("fingerprint-us", Date.now() + 10_000, () => {
      entered();
      return new Promise<void>((resolve) => (releaseUs = resolve));
    });
    await held;
    // Runs while the other key's gate is held: it would time out behind it if the gate were shared.
    await gate.run("fingerprint-sg", Date.now() + 1_000, async (lease) => lease.confirm());
    releaseUs();
    await us;

    const keys = await redis.keys(`${REDIS_KEY_PREFIX}*fingerprint-*`);
    for (const kind of ["nonce", "rate"]) {
      expect(keys).toEqual(expect.arrayContaining([`${REDIS_KEY_PREFIX}${kind}:fingerprint-us`, `${REDIS_KEY_PREFIX}${kind}:fingerprint-sg`]));
    }
  });
});
