import type { Clock } from "@/lib/gemini/nonce";

/** A clock that only moves when something sleeps on it: retries and backoff run instantly. */
export interface FakeClock extends Clock {
  readonly slept: number[];
  advance(ms: number): void;
  /** Jumps to a time, backwards too (a clock stepped back by NTP). */
  set(ms: number): void;
}

export function fakeClock(startMs = 1_700_000_000_000): FakeClock {
  let now = startMs;
  const slept: number[] = [];
  return {
    nowMs: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
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
