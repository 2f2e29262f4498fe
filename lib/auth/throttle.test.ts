import { describe, expect, it } from "vitest";
import { MAX_LOGIN_FAILURES, MAX_TRACKED_KEYS, MemoryLoginThrottle, userDelayMs, USER_DELAY_MAX_MS, USER_FREE_FAILURES } from "@/lib/auth/throttle";
import { fakeClock } from "@/testkit/fake-clock";
import { describeThrottleRules } from "@/testkit/throttle-scenarios";

describeThrottleRules("MemoryLoginThrottle", (now) => new MemoryLoginThrottle(now));

describe("MemoryLoginThrottle under spraying", () => {
  it("keeps a blocked window however many other keys are sprayed past its cap", async () => {
    const clock = fakeClock();
    const throttle = new MemoryLoginThrottle(clock.nowMs);
    const blocked = { username: "alice", address: "203.0.113.10" };
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await throttle.attempt(blocked);
    expect((await throttle.attempt(blocked)).blocked).toBe(true);
    // Every spray creates three new windows (pair, address, username): half the cap in sprays overflows it.
    for (let n = 0; n < MAX_TRACKED_KEYS / 2; n++) {
      await throttle.attempt({ username: `spray${n}`, address: `10.${n >> 16}.${(n >> 8) & 0xff}.${n & 0xff}` });
    }
    expect((await throttle.attempt(blocked)).blocked).toBe(true);
    expect(throttle.trackedKeys).toBeLessThanOrEqual(MAX_TRACKED_KEYS);
  });

  it("refuses a new key rather than drop a restricting window when only those are left", async () => {
    const clock = fakeClock();
    const throttle = new MemoryLoginThrottle(clock.nowMs, 3);
    const mallory = { username: "mallory", address: "198.51.100.1" };
    // Three windows: the blocked pair, and mallory's address and username, which restrict no one yet.
    for (let i = 0; i < MAX_LOGIN_FAILURES; i++) await throttle.attempt(mallory);
    // A new client needs three windows: dropping the two unrestricted ones leaves one short.
    const refused = await throttle.attempt({ username: "new", address: "198.51.100.2" });
    expect(refused.blocked).toBe(true);
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect((await throttle.attempt(mallory)).blocked).toBe(true);
    clock.advance(refused.retryAfterSeconds * 1000);
    expect((await throttle.attempt({ username: "new", address: "198.51.100.2" })).blocked).toBe(false);
  });
});

describe("userDelayMs", () => {
  it("is zero for the free failures, then doubles from a second up to the longest delay", () => {
    expect(userDelayMs(USER_FREE_FAILURES - 1)).toBe(0);
    expect(userDelayMs(USER_FREE_FAILURES)).toBe(1_000);
    expect(userDelayMs(USER_FREE_FAILURES + 3)).toBe(8_000);
    expect(userDelayMs(USER_FREE_FAILURES + 40)).toBe(USER_DELAY_MAX_MS);
  });
});
