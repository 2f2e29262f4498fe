import "server-only";

/**
 * A strict per-key budget for the demo exchange: a token bucket of `callsPerSecond` tokens,
 * refilled at that rate. Stricter than Gemini, which queues a burst of 5 more before refusing:
 * here a call beyond the budget is refused at once, so a client that overspends is seen.
 */
export interface RateLimit {
  /** Takes a token for this key; false when it has none left (the call is then a 429). */
  admit(apiKey: string): boolean;
}

export function createRateLimit(callsPerSecond: number, nowMs: () => number): RateLimit {
  const buckets = new Map<string, { tokens: number; atMs: number }>();
  return {
    admit(apiKey) {
      const now = nowMs();
      const bucket = buckets.get(apiKey) ?? { tokens: callsPerSecond, atMs: now };
      bucket.tokens = Math.min(callsPerSecond, bucket.tokens + ((now - bucket.atMs) * callsPerSecond) / 1000);
      bucket.atMs = now;
      buckets.set(apiKey, bucket);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
  };
}
