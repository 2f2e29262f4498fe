import "server-only";
import type { NonceUnit } from "@/lib/config";

/**
 * Where the last nonce of each key is kept. `claim` must be atomic: it returns
 * max(candidate, last + 1) and records it, so no two callers ever get the same or a lower value.
 */
export interface NonceStore {
  claim(keyId: string, candidate: bigint): Promise<bigint>;
}

export class MemoryNonceStore implements NonceStore {
  private readonly last = new Map<string, bigint>();

  async claim(keyId: string, candidate: bigint): Promise<bigint> {
    const previous = this.last.get(keyId);
    const next = previous !== undefined && previous >= candidate ? previous + 1n : candidate;
    this.last.set(keyId, next);
    return next;
  }
}

export interface Clock {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  nowMs: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const MS_PER_SECOND = 1000n;

/**
 * The next nonce for a key: the clock in the configured unit, or last + 1 when the clock has not
 * moved or stepped back. A time-based (seconds) key must stay within 30 s of Gemini's clock, so
 * when last + 1 runs ahead of the clock we wait for the clock to catch up instead of drifting.
 */
export async function nextNonce(store: NonceStore, keyId: string, unit: NonceUnit, clock: Clock): Promise<string> {
  const nowMs = BigInt(clock.nowMs());
  const now = unit === "seconds" ? nowMs / MS_PER_SECOND : nowMs;
  const nonce = await store.claim(keyId, now);
  if (unit === "seconds" && nonce > now) {
    await clock.sleep(Number((nonce * MS_PER_SECOND - nowMs) as bigint));
  }
  return nonce.toString();
}
