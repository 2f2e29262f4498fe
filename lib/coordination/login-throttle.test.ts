import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { LOGIN_WINDOW_MS, MAX_LOGIN_FAILURES } from "@/lib/auth/throttle";
import { CoordinationError } from "@/lib/coordination/errors";
import { RedisLoginThrottle } from "@/lib/coordination/login-throttle";
import { fakeClock } from "@/testkit/fake-clock";
import { freePort } from "@/testkit/processes";
import { startRedis, type RedisProcess } from "@/testkit/redis-server";
import { describeThrottleRules } from "@/testkit/throttle-scenarios";

// A real redis-server; each "instance" below has its own connection, as separate processes would.
let server: RedisProcess;
const connections: Redis[] = [];
const connect = () => {
  const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
  connections.push(redis);
  return redis;
};

beforeAll(async () => {
  server = await startRedis();
});
beforeEach(async () => {
  await connect().flushall();
});
afterAll(async () => {
  connections.forEach((redis) => redis.disconnect());
  await server?.stop();
});

// Parity: the same scenarios as the in-memory throttle, on the same fake clock.
describeThrottleRules("RedisLoginThrottle", (now) => new RedisLoginThrottle(connect(), now));

describe("RedisLoginThrottle across instances", () => {
  it("blocks a (username, address) after five attempts, whichever instance is asked", async () => {
    const clock = fakeClock();
    const [first, second] = [new RedisLoginThrottle(connect(), clock.nowMs), new RedisLoginThrottle(connect(), clock.nowMs)];
    const who = { username: "alice", address: "10.0.0.1" };
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) expect((await (i % 2 ? first : second).attempt(who)).blocked).toBe(false);
    expect(await first.attempt(who)).toEqual({ blocked: true, retryAfterSeconds: LOGIN_WINDOW_MS / 1000 });
    expect((await second.attempt(who)).blocked).toBe(true);
  });

  it("lets at most five of a parallel burst through across three instances", async () => {
    const throttles = [0, 1, 2].map(() => new RedisLoginThrottle(connect()));
    const verdicts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => throttles[i % 3]!.attempt({ username: "mallory", address: "10.0.0.2" })),
    );
    expect(verdicts.filter((verdict) => !verdict.blocked)).toHaveLength(MAX_LOGIN_FAILURES);
  });

  it("leaves Redis to collect a window once its time is up", async () => {
    const redis = connect();
    await new RedisLoginThrottle(redis).attempt({ username: "trent", address: "10.0.0.3" });
    const keys = await redis.keys("*{login}:pair:*");
    expect(keys).toHaveLength(1);
    const ttl = await redis.pttl(keys[0]!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(LOGIN_WINDOW_MS);
  });
});

describe("RedisLoginThrottle with Redis down", () => {
  it("fails with a CoordinationError (a 503 coordination_unavailable), never a verdict", async () => {
    const down = new Redis(`redis://127.0.0.1:${await freePort()}`, {
      maxRetriesPerRequest: 1,
      commandTimeout: 1_000,
      retryStrategy: () => null,
    });
    down.on("error", () => undefined);
    connections.push(down);
    const throttle = new RedisLoginThrottle(down);
    const who = { username: "alice", address: "10.0.0.4" };
    await expect(throttle.attempt(who)).rejects.toBeInstanceOf(CoordinationError);
    await expect(throttle.succeeded(who)).rejects.toMatchObject({ operation: "login-throttle", code: "coordination_unavailable" });
  });
});
