import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisLoginThrottle } from "@/lib/auth/redis-throttle";
import { addressKey, LOGIN_WINDOW_MS, MAX_LOGIN_FAILURES, usernameKey } from "@/lib/auth/throttle";
import { startRedis, type RedisProcess } from "@/test/support/redis-server";

// A real redis-server; each "instance" below has its own connection, as separate processes would.
let server: RedisProcess;
const connections: Redis[] = [];
const instance = () => {
  const redis = new Redis(server.url, { maxRetriesPerRequest: 1 });
  connections.push(redis);
  return new RedisLoginThrottle(redis, MAX_LOGIN_FAILURES, LOGIN_WINDOW_MS);
};

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  connections.forEach((redis) => redis.disconnect());
  await server?.stop();
});

describe("RedisLoginThrottle", () => {
  it("blocks after five attempts for the rest of the window, whichever instance is asked", async () => {
    const [first, second] = [instance(), instance()];
    const keys = [usernameKey("alice"), addressKey("10.0.0.1")];
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) expect((await (i % 2 ? first : second).attempt(keys)).blocked).toBe(false);
    const verdict = await first.attempt(keys);
    expect(verdict.blocked).toBe(true);
    expect(verdict.retryAfterSeconds).toBeGreaterThan(0);
    expect(verdict.retryAfterSeconds).toBeLessThanOrEqual(LOGIN_WINDOW_MS / 1000);
    expect((await second.attempt([usernameKey("alice")])).blocked).toBe(true);
  });

  it("lets at most five of a parallel burst through across three instances", async () => {
    const throttles = [instance(), instance(), instance()];
    const verdicts = await Promise.all(
      Array.from({ length: 30 }, (_, i) => throttles[i % 3]!.attempt([usernameKey("mallory")])),
    );
    expect(verdicts.filter((verdict) => !verdict.blocked)).toHaveLength(MAX_LOGIN_FAILURES);
  });

  it("blocks by address across usernames", async () => {
    const throttle = instance();
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await throttle.attempt([usernameKey(`user${i}`), addressKey("10.0.0.9")]);
    expect((await throttle.attempt([usernameKey("fresh"), addressKey("10.0.0.9")])).blocked).toBe(true);
    expect((await throttle.attempt([usernameKey("fresh"), addressKey("10.0.0.10")])).blocked).toBe(false);
  });

  it("gives a successful sign-in's attempt back: the username is cleared, the address uncounted", async () => {
    const throttle = instance();
    const address = addressKey("10.0.0.5");
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await throttle.attempt([usernameKey("carol"), address]);
    await throttle.succeeded(usernameKey("carol"), [address]);
    expect((await throttle.attempt([usernameKey("carol")])).blocked).toBe(false);
    expect((await throttle.attempt([usernameKey("dave"), address])).blocked).toBe(false);
    expect((await throttle.attempt([usernameKey("erin"), address])).blocked).toBe(true);
  });

  it("expires a window on its own", async () => {
    const redis = new Redis(server.url);
    connections.push(redis);
    const short = new RedisLoginThrottle(redis, 1, 200);
    expect((await short.attempt([usernameKey("trent")])).blocked).toBe(false);
    expect((await short.attempt([usernameKey("trent")])).blocked).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await short.attempt([usernameKey("trent")])).blocked).toBe(false);
  });
});
