import { describe, expect, it } from "vitest";
import { addressKey, LOGIN_WINDOW_MS, MAX_LOGIN_FAILURES, MemoryLoginThrottle, usernameKey } from "@/lib/auth/throttle";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("MemoryLoginThrottle", () => {
  it("blocks after five failures for the rest of the 15-minute window", async () => {
    const time = clock();
    const throttle = new MemoryLoginThrottle(time.now);
    const keys = [usernameKey("alice"), addressKey("10.0.0.1")];
    expect(MAX_LOGIN_FAILURES).toBe(5);
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) expect((await throttle.attempt(keys)).blocked).toBe(false);
    time.advance(60_000);
    expect(await throttle.attempt(keys)).toEqual({ blocked: true, retryAfterSeconds: LOGIN_WINDOW_MS / 1000 - 60 });
    time.advance(LOGIN_WINDOW_MS - 60_000 - 1);
    expect((await throttle.attempt(keys)).blocked).toBe(true);
    time.advance(1);
    expect((await throttle.attempt(keys)).blocked).toBe(false);
  });

  it("lets at most five of a burst of parallel guesses through", async () => {
    const throttle = new MemoryLoginThrottle(clock().now);
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => throttle.attempt([usernameKey("alice")])));
    expect(verdicts.filter((verdict) => !verdict.blocked)).toHaveLength(MAX_LOGIN_FAILURES);
  });

  it("blocks by address across usernames and by username across addresses", async () => {
    const throttle = new MemoryLoginThrottle(clock().now);
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await throttle.attempt([usernameKey(`user${i}`), addressKey("10.0.0.9")]);
    expect((await throttle.attempt([usernameKey("fresh"), addressKey("10.0.0.9")])).blocked).toBe(true);
    expect((await throttle.attempt([usernameKey("fresh"), addressKey("10.0.0.10")])).blocked).toBe(false);

    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await throttle.attempt([usernameKey("bob"), addressKey(`10.1.0.${i}`)]);
    expect((await throttle.attempt([usernameKey("BOB "), addressKey("10.2.0.1")])).blocked).toBe(true);
  });

  it("gives a successful sign-in's attempt back: the username is cleared, the address uncounted", async () => {
    const throttle = new MemoryLoginThrottle(clock().now);
    const address = addressKey("10.0.0.5");
    for (let i = 0; i < MAX_LOGIN_FAILURES - 1; i++) await throttle.attempt([usernameKey("carol"), address]);
    await throttle.attempt([usernameKey("carol"), address]); // the right password
    await throttle.succeeded(usernameKey("carol"), [address]);
    expect((await throttle.attempt([usernameKey("carol")])).blocked).toBe(false);
    // Four failures remain on the address: one more attempt is allowed, then it is blocked.
    expect((await throttle.attempt([usernameKey("dave"), address])).blocked).toBe(false);
    expect((await throttle.attempt([usernameKey("erin"), address])).blocked).toBe(true);
  });
});
