import "server-only";
import { GeminiError, type GeminiErrorKind } from "@/lib/gemini/errors";
import type { Clock } from "@/lib/gemini/nonce";

/** One dashboard request takes at most this long in all: gate wait, retries and timeouts included. */
export const REQUEST_BUDGET_MS = 15_000;
/** First try plus two retries: enough to ride out a blip without hammering a struggling exchange. */
export const MAX_READ_ATTEMPTS = 3;
const RETRY_BASE_DELAY_MS = 250;
export const RETRY_MAX_DELAY_MS = 4_000;
/** With less time than this left, another attempt could not get an answer anyway. */
const MIN_ATTEMPT_MS = 250;

/** Transient failures: rate limits, 5xx and the network. Auth, role and request errors never are. */
const TRANSIENT: ReadonlySet<GeminiErrorKind> = new Set<GeminiErrorKind>([
  "rate_limited",
  "service_error",
  "maintenance",
  "timeout",
  "unreachable",
]);

export type Random = () => number;

export interface RetryState {
  /** Attempts made so far, the failed one included. */
  attempts: number;
  /** An InvalidNonce is retried once with a fresh nonce, never twice. */
  nonceRetried: boolean;
}

/**
 * How long to wait before retrying a read after `error`, or null for no retry. Backoff is
 * exponential with "equal jitter" (half fixed, half random) so instances that failed together do
 * not retry together; a Retry-After from Gemini is a floor.
 */
export function retryDelayMs(error: GeminiError, state: RetryState, random: Random): number | null {
  if (state.attempts >= MAX_READ_ATTEMPTS) return null;
  if (error.kind === "invalid_nonce") return state.nonceRetried ? null : 0;
  if (!TRANSIENT.has(error.kind)) return null;
  const ceiling = Math.min(RETRY_MAX_DELAY_MS, RETRY_BASE_DELAY_MS * 2 ** (state.attempts - 1));
  const backoff = Math.round(ceiling / 2 + random() * (ceiling / 2));
  const floor = error.retryAfterSeconds === undefined ? 0 : error.retryAfterSeconds * 1000;
  return Math.max(backoff, floor);
}

export interface RetryOptions {
  /** Absolute time (clock ms) by which the caller must have an answer. */
  deadline: number;
  /** Whether the call is a read: only reads are retried. */
  read: boolean;
  /** Upper bound of one attempt. */
  attemptTimeoutMs: number;
  clock: Clock;
  random: Random;
}

/**
 * Runs `attempt` (given its timeout) until it succeeds, a failure is not worth retrying, or the
 * deadline would pass. The last failure is what the caller sees.
 */
export async function withRetries<T>(attempt: (timeoutMs: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { deadline, clock } = options;
  const state: RetryState = { attempts: 0, nonceRetried: false };
  let lastError: GeminiError = new GeminiError("timeout");
  for (;;) {
    const remaining = deadline - clock.nowMs();
    if (remaining < MIN_ATTEMPT_MS) throw lastError;
    try {
      state.attempts += 1;
      return await attempt(Math.min(options.attemptTimeoutMs, remaining));
    } catch (error) {
      if (!(error instanceof GeminiError) || !options.read) throw error;
      lastError = error;
      const delay = retryDelayMs(error, state, options.random);
      if (delay === null || clock.nowMs() + delay + MIN_ATTEMPT_MS > deadline) throw error;
      if (error.kind === "invalid_nonce") state.nonceRetried = true;
      if (delay > 0) await clock.sleep(delay);
    }
  }
}
