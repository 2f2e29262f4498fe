import "server-only";
import { RedisLoginThrottle } from "@/lib/auth/redis-throttle";
import { getConfig } from "@/lib/config";
import { sharedRedis } from "@/lib/coordination/redis";

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
 * Counts sign-in attempts per key in fixed windows. An attempt is counted BEFORE the password is
 * checked, so a burst of parallel guesses cannot all slip past the limit; a success gives its
 * count back. In Redis terms: INCR + PEXPIRE NX, DECR / DEL, so a shared store (REDIS_URL) can
 * replace the in-process one without changing callers.
 */
export interface LoginThrottle {
  /** Blocked when any key is at the limit (nothing counted); otherwise counts one attempt on every key. */
  attempt(keys: readonly string[]): Promise<ThrottleVerdict>;
  /** Gives back the attempt of a successful sign-in: clears `clearKey`, uncounts the others. */
  succeeded(clearKey: string, uncountKeys: readonly string[]): Promise<void>;
}

interface Window {
  count: number;
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

  // No await inside: check-and-count is atomic on the event loop.
  async attempt(keys: readonly string[]): Promise<ThrottleVerdict> {
    let retryAfterMs = 0;
    for (const key of keys) {
      const window = this.live(key);
      if (window && window.count >= this.limit) {
        retryAfterMs = Math.max(retryAfterMs, window.startedAt + this.windowMs - this.now());
      }
    }
    if (retryAfterMs > 0) return { blocked: true, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) };
    for (const key of keys) this.count(key);
    return { blocked: false, retryAfterSeconds: 0 };
  }

  async succeeded(clearKey: string, uncountKeys: readonly string[]): Promise<void> {
    this.windows.delete(clearKey);
    for (const key of uncountKeys) {
      const window = this.live(key);
      if (window) window.count = Math.max(0, window.count - 1);
    }
  }

  private count(key: string): void {
    const window = this.live(key);
    if (window) {
      window.count += 1;
      return;
    }
    if (this.windows.size >= MAX_TRACKED_KEYS) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) this.windows.delete(oldest);
    }
    this.windows.set(key, { count: 1, startedAt: this.now() });
  }
}

export const usernameKey = (username: string) => `user:${username.trim().toLowerCase()}`;
export const addressKey = (address: string) => `addr:${address}`;

// One per process, on globalThis because Next may load this module in more than one bundle.
const holder = globalThis as typeof globalThis & { __loginThrottle?: LoginThrottle };

/** In Redis when REDIS_URL is set (the limit then holds across instances), else in this process. */
export function getLoginThrottle(): LoginThrottle {
  const { redisUrl } = getConfig();
  holder.__loginThrottle ??= redisUrl ? new RedisLoginThrottle(sharedRedis(redisUrl), MAX_LOGIN_FAILURES, LOGIN_WINDOW_MS) : new MemoryLoginThrottle();
  return holder.__loginThrottle;
}
