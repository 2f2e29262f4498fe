import { describe, expect, it } from "vitest";
import { addressKey, LOGIN_WINDOW_MS, MAX_LOGIN_FAILURES, MemoryLoginThrottle, usernameKey } from "@/lib/auth/throttle";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("MemoryLoginThrottle", () => {
  it("blocks a key after five failures for the rest of the 15-minute window", async () => {
    const time = clock();
    const throttle = new MemoryLoginThrottle(time.now);
    const keys = [usernameKey("alice"), addressKey("10.0.0.1")];
    expect(MAX_LOGIN_FAILURES).toBe(5);
    for (let i = 0; i < MAX_LOGIN_FAILURES - 1; i++) await throttle.recordFailure(keys);
    expect(await throttle.check(keys)).toEqual({ blocked: false, retryAfterSeconds: 0 });
    await throttle.recordFailure(keys);
    time.advance(60_000);
    expect(await throttle.check(keys)).toEqual({ blocked: true, retryAfterSeconds: LOGIN_WINDOW_MS / 1000 - 60 });
    time.advance(LOGIN_WINDOW_MS - 60_000 - 1);
    expect((await throttle.check(keys)).blocked).toBe(true);
    time.advance(1);
    expect((await throttle.check(keys)).blocked).toBe(false);
  });

  it("blocks by address across usernames and by username across addresses", async () => {
    const throttle = new MemoryLoginThrottle(clock().now);
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) {
      await throttle.recordFailure([usernameKey(`user${i}`), addressKey("10.0.0.9")]);
    }
    expect((await throttle.check([usernameKey("fresh"), addressKey("10.0.0.9")])).blocked).toBe(true);
    expect((await throttle.check([usernameKey("fresh"), addressKey("10.0.0.10")])).blocked).toBe(false);

    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) {
      await throttle.recordFailure([usernameKey("bob"), addressKey(`10.1.0.${i}`)]);
    }
    expect((await throttle.check([usernameKey("BOB "), addressKey("10.2.0.1")])).blocked).toBe(true);
  });

  it("forgets a username's failures when told to (after a successful sign-in)", async () => {
    const throttle = new MemoryLoginThrottle(clock().now);
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await throttle.recordFailure([usernameKey("carol")]);
    await throttle.clear(usernameKey("carol"));
    expect((await throttle.check([usernameKey("carol")])).blocked).toBe(false);
  });
});
