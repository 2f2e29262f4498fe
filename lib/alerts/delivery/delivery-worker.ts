import "server-only";
import type { Clock } from "@/lib/gemini/nonce";
import type { ClaimedDelivery, DeliveryStore } from "@/lib/store";
import { decide, type AttemptResult, type Decision } from "./retry-policy";
import { sendOnce, type SendDeps } from "./send";

/** A claimed delivery is this worker's for this long: longer than one attempt (SEND_TIMEOUT_MS) with room to record it. */
export const LEASE_MS = 60_000;
/** At most this many destinations are sent to at once by one worker. */
export const CLAIM_BATCH = 10;
/** A last_error longer than this is cut (a receiver's answer can be anything). */
const MAX_ERROR_LENGTH = 300;

export interface WorkerDeps {
  store: DeliveryStore;
  send: SendDeps;
  clock: Clock;
  /** Names this worker in the lock (locked_by) and the attempt log. */
  workerId: string;
  random?: () => number;
  /** One JSON line per attempt: ids, status and outcome, never a URL or a secret. */
  log?: (line: Record<string, unknown>) => void;
}

/** What the log keeps of an attempt: the status code, and for anything but success why, in one line. */
function describe(result: AttemptResult, decision: Decision): { statusCode: number | null; error: string | null } {
  const statusCode = result.kind === "response" ? result.status : null;
  if (decision.outcome === "delivered") return { statusCode, error: null };
  const snippet = result.kind === "response" ? result.bodySnippet.replace(/\s+/g, " ").trim() : "";
  const reason = decision.reason + (snippet ? ` (${snippet})` : "");
  return { statusCode, error: reason.slice(0, MAX_ERROR_LENGTH) };
}

/**
 * Delivers queued alert events. Every step goes through the store, so any number of workers (in
 * one process or many) can run against it: fan-out is idempotent, a claim is a lease in the row,
 * and a worker that dies mid-send leaves a lease that runs out and a delivery another worker sends
 * again (at least once: receivers drop repeats by the event id).
 */
export class DeliveryWorker {
  constructor(private readonly deps: WorkerDeps) {}

  private now(): Date {
    return new Date(this.deps.clock.nowMs());
  }

  /** Queues new events, then sends every due delivery it can claim; returns how many it attempted. */
  async runOnce(): Promise<number> {
    const { store, workerId, log } = this.deps;
    await store.fanOut(this.now());
    const claimed = await store.claimDue(this.now(), workerId, LEASE_MS, CLAIM_BATCH);
    const outcomes = await Promise.allSettled(claimed.map((delivery) => this.attempt(delivery)));
    // One delivery whose outcome could not be written (its destination deleted meanwhile, the store
    // gone for a moment) does not stop the others; its lease runs out and it is tried again.
    outcomes.forEach((outcome, index) => {
      if (outcome.status === "rejected") {
        const message = outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
        log?.({ event: "alert_delivery_unrecorded", delivery: claimed[index]!.id, message });
      }
    });
    return claimed.length;
  }

  /** Runs until nothing is due: a destination's next event is sent as soon as the one before it is delivered. */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRounds; round += 1) {
      const attempted = await this.runOnce();
      total += attempted;
      if (attempted === 0) break;
    }
    return total;
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const { store, send, clock, workerId, random = Math.random, log } = this.deps;
    const startedMs = clock.nowMs();
    const result = await sendOnce(delivery, send);
    const finishedMs = clock.nowMs();
    const decision = decide({ result, attempts: delivery.attempt, queuedAt: delivery.queuedAt, now: new Date(finishedMs), random });
    const { statusCode, error } = describe(result, decision);
    await store.recordAttempt({
      deliveryId: delivery.id,
      attempt: delivery.attempt,
      worker: workerId,
      startedAt: new Date(startedMs),
      durationMs: Math.max(0, finishedMs - startedMs),
      statusCode,
      error,
      outcome: decision.outcome,
      nextAttemptAt: decision.outcome === "retry" ? decision.nextAttemptAt : null,
      finishedAt: new Date(finishedMs),
    });
    log?.({
      event: "alert_delivery",
      delivery: delivery.id,
      eventId: delivery.event.id,
      destination: delivery.destination.id,
      attempt: delivery.attempt,
      statusCode,
      outcome: decision.outcome,
      ...(decision.outcome === "retry" ? { nextAttemptAt: decision.nextAttemptAt.toISOString() } : {}),
    });
  }
}
