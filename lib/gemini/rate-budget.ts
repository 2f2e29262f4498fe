import "server-only";
import type { Clock } from "@/lib/gemini/nonce";

/**
 * Spaces one key's calls at least 1/rate apart across the whole deployment. A caller reserves the
 * next free slot and waits for it: calls queue, they never fail for want of budget.
 */
export interface RateBudget {
  /** Reserves the key's next slot; resolves to how many ms to wait before sending. */
  reserve(keyId: string): Promise<number>;
}

export function slotSpacingMs(callsPerSecond: number): number {
  return Math.ceil(1000 / callsPerSecond);
}

export class MemoryRateBudget implements RateBudget {
  private readonly nextSlot = new Map<string, number>();
  private readonly spacingMs: number;

  constructor(
    callsPerSecond: number,
    private readonly clock: Clock,
  ) {
    this.spacingMs = slotSpacingMs(callsPerSecond);
  }

  async reserve(keyId: string): Promise<number> {
    const now = this.clock.nowMs();
    const slot = Math.max(now, this.nextSlot.get(keyId) ?? now);
    this.nextSlot.set(keyId, slot + this.spacingMs);
    return slot - now;
  }
}

/** Reserves a slot and sleeps until it comes. */
export async function waitForSlot(budget: RateBudget, keyId: string, clock: Clock): Promise<void> {
  const waitMs = await budget.reserve(keyId);
  if (waitMs > 0) await clock.sleep(waitMs);
}
