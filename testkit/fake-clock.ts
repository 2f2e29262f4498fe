import type { Clock } from "@/lib/gemini/nonce";

interface FakeClockOptions {
  /** Runs as time moves, e.g. to age Redis keys by the same amount (ageRedisKeys). */
  onAdvance?: (ms: number) => Promise<void>;
}

const START_MS = 1_700_000_000_000;

/** A clock that only moves when something sleeps on it: retries, backoff and polling run instantly. */
export interface FakeClock extends Clock {
  readonly slept: number[];
  advance(ms: number): void;
  /** Jumps to a time, backwards too (a clock stepped back by NTP). */
  set(ms: number): void;
}

export function fakeClock(startMs = START_MS, { onAdvance }: FakeClockOptions = {}): FakeClock {
  let now = startMs;
  const slept: number[] = [];
  return {
    nowMs: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
      await onAdvance?.(ms);
    },
    advance: (ms) => {
      now += ms;
    },
    set: (ms) => {
      now = ms;
    },
    slept,
  };
}

/**
 * A clock for code that sleeps in the background (a lease renewed every so often): sleepers wake
 * only when the test advances the clock past their time, in order.
 */
export interface ManualClock extends Clock {
  advance(ms: number): Promise<void>;
  /** How many sleepers wait: lets a test advance only once background code has gone back to sleep. */
  sleeping(): number;
}

export function manualClock(startMs = START_MS, { onAdvance }: FakeClockOptions = {}): ManualClock {
  let now = startMs;
  const sleepers: { wakeAt: number; wake: () => void }[] = [];
  const moveTo = async (time: number) => {
    const step = time - now;
    now = time;
    if (step > 0) await onAdvance?.(step);
  };
  return {
    nowMs: () => now,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ wakeAt: now + ms, wake })),
    sleeping: () => sleepers.length,
    async advance(ms) {
      const target = now + ms;
      for (;;) {
        sleepers.sort((a, b) => a.wakeAt - b.wakeAt);
        const next = sleepers[0];
        if (!next || next.wakeAt > target) break;
        sleepers.shift();
        await moveTo(next.wakeAt);
        next.wake();
      }
      await moveTo(target);
    },
  };
}
