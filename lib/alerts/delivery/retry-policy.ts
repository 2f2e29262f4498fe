/** How long a delivery is retried, counted from the event's fan-out to the destination. */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The first retry comes after about this long, then each wait doubles... */
export const FIRST_RETRY_DELAY_MS = 10_000;
/** ...up to this. About 30 tries in 24 h against a receiver that stays down. */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/** What one attempt came to. */
export type AttemptResult =
  | { kind: "response"; status: number; retryAfter: string | null; bodySnippet: string }
  | { kind: "network"; error: string }
  /** The address check at send time refused the URL: nothing was sent. */
  | { kind: "refused"; reason: string };

export type Decision =
  | { outcome: "delivered" }
  | { outcome: "retry"; nextAttemptAt: Date; reason: string }
  | { outcome: "gave_up"; reason: string };

export interface DecisionInput {
  result: AttemptResult;
  /** Attempts made, this one included. */
  attempts: number;
  /** When the delivery was queued: retries stop RETRY_WINDOW_MS after it. */
  queuedAt: Date;
  now: Date;
  /** In [0, 1): Math.random, or a fixed value in tests. */
  random: () => number;
}

/** Exponential backoff with "equal jitter": half the delay fixed, half random, so retries from many deliveries spread out. */
export function backoffMs(attempts: number, random: () => number): number {
  const exponential = Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/** Retry-After as delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null, now: Date): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its weekday and month; Date.parse alone would read "-1" as a year.
  const date = /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

function retryOrGiveUp(input: DecisionInput, delayMs: number, reason: string): Decision {
  const nextAttemptAt = new Date(input.now.getTime() + delayMs);
  if (nextAttemptAt.getTime() > input.queuedAt.getTime() + RETRY_WINDOW_MS) {
    return { outcome: "gave_up", reason: `${reason}; no retry left within 24 h` };
  }
  return { outcome: "retry", nextAttemptAt, reason };
}

/** At-least-once: 2xx is done; network errors, 5xx and 429 are retried for 24 h; any other answer is final. */
export function decide(input: DecisionInput): Decision {
  const { result, attempts, now, random } = input;
  if (result.kind === "refused") return { outcome: "gave_up", reason: result.reason };
  if (result.kind === "network") return retryOrGiveUp(input, backoffMs(attempts, random), result.error);
  const { status } = result;
  if (status >= 200 && status < 300) return { outcome: "delivered" };
  if (status === 429 || status >= 500) {
    // The receiver's Retry-After wins over our backoff when it asks for longer.
    const asked = retryAfterMs(result.retryAfter, now);
    const delay = Math.max(backoffMs(attempts, random), asked ?? 0);
    return retryOrGiveUp(input, delay, `HTTP ${status}`);
  }
  if (status >= 300 && status < 400) return { outcome: "gave_up", reason: `HTTP ${status}: redirects are not followed, use the final URL` };
  return { outcome: "gave_up", reason: `HTTP ${status}: the receiver refused the delivery` };
}
