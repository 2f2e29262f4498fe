import "server-only";

/** Failures allowed per username and per client address before sign-in is refused for a while. */
export const MAX_LOGIN_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Bounds memory when someone sprays names or addresses; the oldest windows go first. */
export const MAX_TRACKED_KEYS = 10_000;

export interface ThrottleVerdict {
  readonly blocked: boolean;
  /** Whole seconds until the longest-blocked key is free again; 0 when not blocked. */
  readonly retryAfterSeconds: number;
}

/**
 * Counts failed sign-ins per key in fixed windows (INCR + EXPIRE in Redis terms), so a shared
 * store can replace the in-process one without changing callers.
 */
export interface LoginThrottle {
  check(keys: readonly string[]): Promise<ThrottleVerdict>;
  recordFailure(keys: readonly string[]): Promise<void>;
  /** Forget a key's failures (the username after a successful sign-in). */
  clear(key: string): Promise<void>;
}

interface Window {
  failures: number;
  startedAt: number;
}

export class MemoryLoginThrottle implements LoginThrottle {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly limit = MAX_LOGIN_FAILURES,
    private readonly windowMs = LOGIN_WINDOW_MS,
  ) {}

  private live(key: string): Window | undefined {
    const window = this.windows.get(key);
    if (window && this.now() - window.startedAt >= this.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  async check(keys: readonly string[]): Promise<ThrottleVerdict> {
    let retryAfterMs = 0;
    for (const key of keys) {
      const window = this.live(key);
      if (window && window.failures >= this.limit) {
        retryAfterMs = Math.max(retryAfterMs, window.startedAt + this.windowMs - this.now());
      }
    }
    return { blocked: retryAfterMs > 0, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
  }

  async recordFailure(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const window = this.live(key);
      if (window) {
        window.failures += 1;
        continue;
      }
      if (this.windows.size >= MAX_TRACKED_KEYS) {
        const oldest = this.windows.keys().next().value;
        if (oldest !== undefined) this.windows.delete(oldest);
      }
      this.windows.set(key, { failures: 1, startedAt: this.now() });
    }
  }

  async clear(key: string): Promise<void> {
    this.windows.delete(key);
  }
}

export const usernameKey = (username: string) => `user:${username.trim().toLowerCase()}`;
export const addressKey = (address: string) => `addr:${address}`;

// One per process, on globalThis because Next may load this module in more than one bundle.
const holder = globalThis as typeof globalThis & { __loginThrottle?: LoginThrottle };

export function getLoginThrottle(): LoginThrottle {
  holder.__loginThrottle ??= new MemoryLoginThrottle();
  return holder.__loginThrottle;
}
