import "server-only";

/**
 * instanceof by brand: the Redis implementations live in the process-wide runtime on globalThis,
 * which another bundle (the page's or a route's) may have built with its own copy of this class.
 */
const COORDINATION_ERROR_BRAND = Symbol.for("gemini-treasury.CoordinationError");

/**
 * The shared coordination store (Redis, REDIS_URL) failed or answered something unusable. The
 * request fails closed: whatever needed the shared state (a nonce, the gate, a cache read, a sign-in
 * count) was not done, so nothing was sent to Gemini on its strength.
 */
export class CoordinationError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && COORDINATION_ERROR_BRAND in value;
  }

  readonly [COORDINATION_ERROR_BRAND] = true;
  /** The dashboard API's code for every coordination failure. */
  readonly code = "coordination_unavailable";

  /** `operation`: what needed Redis (nonce, gate, rate, cache, login-throttle), for the log. */
  constructor(readonly operation: string) {
    super(`The coordination store failed during '${operation}'.`);
    this.name = "CoordinationError";
  }
}
