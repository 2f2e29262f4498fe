import { describe, expect, it } from "vitest";
import { MemoryNonceStore, nextNonce } from "@/lib/gemini/nonce";
import { fakeClock } from "@/testkit/fake-clock";

describe("nextNonce", () => {
  it("strictly increases within one millisecond and after the clock steps back", async () => {
    const store = new MemoryNonceStore();
    const clock = fakeClock(1_700_000_000_000);
    const first = await nextNonce(store, "key", "milliseconds", clock);
    const second = await nextNonce(store, "key", "milliseconds", clock);
    clock.set(1_600_000_000_000);
    const third = await nextNonce(store, "key", "milliseconds", clock);
    expect([first, second, third]).toEqual(["1700000000000", "1700000000001", "1700000000002"]);
  });

  it("follows the clock again once it passes the last nonce", async () => {
    const store = new MemoryNonceStore();
    const clock = fakeClock(1000);
    await nextNonce(store, "key", "milliseconds", clock);
    clock.set(5000);
    expect(await nextNonce(store, "key", "milliseconds", clock)).toBe("5000");
  });

  it("keeps keys independent", async () => {
    const store = new MemoryNonceStore();
    const clock = fakeClock(1000);
    expect(await nextNonce(store, "a", "milliseconds", clock)).toBe("1000");
    expect(await nextNonce(store, "b", "milliseconds", clock)).toBe("1000");
  });

  it("in seconds mode waits for the clock instead of running ahead of Gemini's 30 s window", async () => {
    const store = new MemoryNonceStore();
    const clock = fakeClock(1_700_000_000_500);
    expect(await nextNonce(store, "key", "seconds", clock)).toBe("1700000000");
    expect(await nextNonce(store, "key", "seconds", clock)).toBe("1700000001");
    expect(clock.slept).toEqual([500]);
    expect(clock.nowMs()).toBeGreaterThanOrEqual(1_700_000_001_000);
  });
});
