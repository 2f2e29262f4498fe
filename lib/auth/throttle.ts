import "server-only";
import { createHash } from "node:crypto";
import { addressBucket } from "@/lib/auth/client-address";

/** Failures allowed per (username, address) before that pair is refused for the rest of the window. */
export const MAX_LOGIN_FAILURES = 5;
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/**
 * Failures allowed from one address across usernames (password spraying). Above the pair limit so
 * several people behind one NAT do not block each other after five typos between them.
 */
export const MAX_ADDRESS_FAILURES = 20;
/**
 * Per username across all addresses (a distributed guesser), over a day: the first
 * USER_FREE_FAILURES are free (typos, a colleague's stale password manager); after that each
 * further attempt must wait a delay that doubles from USER_DELAY_BASE_MS up to USER_DELAY_MAX_MS;
 * at USER_MAX_FAILURES the username is refused for the rest of the day. That caps a botnet at 100
 * guesses a day per name however many addresses it has (one address alone may try 480 a day under
 * the pair limit), and until the cap the right person at a new address waits at most a minute.
 * Addresses where the user signed in within KNOWN_ADDRESS_TTL_MS skip this limit entirely, so an
 * attacker cannot lock the right person out of the places they use; a refusal is cheaper than a
 * held response and, unlike one, bounds the rate of a guesser that sends in parallel.
 */
export const USER_FREE_FAILURES = 10;
export const USER_MAX_FAILURES = 100;
export const USER_WINDOW_MS = 24 * 60 * 60 * 1000;
export const USER_DELAY_BASE_MS = 1_000;
export const USER_DELAY_MAX_MS = 60_000;
export const KNOWN_ADDRESS_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * Bounds memory under spraying: at this many windows the oldest unrestricted one is dropped. A
 * window that restricts (blocked, or a username in its delay) is never dropped, so spraying cannot
 * reset it; if only such windows are left, a new key is refused (fail closed) until one expires.
 * About 250 bytes a window (names are kept as digests, so their length does not matter): 100 000
 * windows is ~25 MB at most (measured 22 MB).
 */
export const MAX_TRACKED_KEYS = 100_000;
/** The cap drops this fraction of it at once. */
const EVICTION_BATCH_FRACTION = 100;
/** Only successful sign-ins add known addresses, so this bound is never reached by an attacker. */
export const MAX_KNOWN_ADDRESSES = 10_000;

export interface ThrottleVerdict {
  readonly blocked: boolean;
  /** Whole seconds until an attempt from this client may be counted again; 0 when not blocked. */
  readonly retryAfterSeconds: number;
}

/** Who is signing in: the name as typed and the client address (lib/auth/client-address.ts). */
export interface LoginAttempt {
  readonly username: string;
  readonly address: string;
}

/**
 * Counts sign-in attempts. An attempt is counted BEFORE the password is checked, so a burst of
 * parallel guesses cannot all slip past a limit; a success gives its count back and marks the
 * address as known for that user. MemoryLoginThrottle below and RedisLoginThrottle
 * (lib/coordination/login-throttle.ts) follow the same rules; lib/server/runtime.ts picks one.
 */
export interface LoginThrottle {
  /** Refused (nothing counted) when any limit is reached; otherwise counts one attempt on every key. */
  attempt(who: LoginAttempt): Promise<ThrottleVerdict>;
  /** Gives back the attempt of a successful sign-in: clears the pair, uncounts the rest, remembers the address. */
  succeeded(who: LoginAttempt): Promise<void>;
}

/**
 * The keys one attempt touches; the Redis throttle prefixes them. The name is kept as a digest: a
 * fixed size however long the typed name (up to MAX_CREDENTIAL_LENGTH), and a password typed into
 * the name field is not kept in memory or Redis as typed.
 */
export function throttleKeys({ username, address }: LoginAttempt) {
  const name = createHash("sha256").update(username.trim().toLowerCase()).digest("base64url");
  const bucket = addressBucket(address);
  return {
    pair: `pair:${name}|${bucket}`,
    address: `addr:${bucket}`,
    user: `user:${name}`,
    known: `known:${name}|${bucket}`,
  };
}

/** How long the next attempt for a username waits after its `failures`-th counted failure. */
export function userDelayMs(failures: number): number {
  if (failures < USER_FREE_FAILURES) return 0;
  return Math.min(USER_DELAY_BASE_MS * 2 ** (failures - USER_FREE_FAILURES), USER_DELAY_MAX_MS);
}

interface Window {
  count: number;
  expiresAt: number;
  /** Username windows: no attempt counted before this time. */
  nextAt: number;
}

interface Rule {
  readonly limit: number;
  readonly windowMs: number;
  /** From this count the window restricts someone, so it must never be evicted. */
  readonly holdAt: number;
}

const PAIR: Rule = { limit: MAX_LOGIN_FAILURES, windowMs: LOGIN_WINDOW_MS, holdAt: MAX_LOGIN_FAILURES };
const ADDRESS: Rule = { limit: MAX_ADDRESS_FAILURES, windowMs: LOGIN_WINDOW_MS, holdAt: MAX_ADDRESS_FAILURES };
const USER: Rule = { limit: USER_MAX_FAILURES, windowMs: USER_WINDOW_MS, holdAt: USER_FREE_FAILURES };

export class MemoryLoginThrottle implements LoginThrottle {
  /** Unrestricted windows, oldest first: the ones the cap may drop. */
  private readonly open = new Map<string, Window>();
  /** Restricting windows: they leave only by expiring. */
  private readonly held = new Map<string, Window>();
  /** Known (user, address) keys and when they stop being known, oldest first. */
  private readonly known = new Map<string, number>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxTrackedKeys = MAX_TRACKED_KEYS,
  ) {}

  /** Windows held in memory now, restricting or not. */
  get trackedKeys(): number {
    return this.open.size + this.held.size;
  }

  // No await inside: check-and-count is atomic on the event loop.
  async attempt(who: LoginAttempt): Promise<ThrottleVerdict> {
    const keys = throttleKeys(who);
    const now = this.now();
    const counted: [string, Rule][] = [[keys.pair, PAIR], [keys.address, ADDRESS]];
    if (!this.isKnown(keys.known)) counted.push([keys.user, USER]);

    let waitMs = 0;
    for (const [key, rule] of counted) {
      const window = this.live(key);
      if (!window) continue;
      if (window.count >= rule.limit) waitMs = Math.max(waitMs, window.expiresAt - now);
      else if (window.nextAt > now) waitMs = Math.max(waitMs, window.nextAt - now);
    }
    const fresh = counted.filter(([key]) => !this.live(key)).length;
    if (waitMs === 0 && !this.makeRoom(fresh, counted.map(([key]) => key))) waitMs = this.soonestHeldExpiry() - now;
    if (waitMs > 0) return { blocked: true, retryAfterSeconds: Math.ceil(waitMs / 1000) };

    for (const [key, rule] of counted) this.count(key, rule, now);
    return { blocked: false, retryAfterSeconds: 0 };
  }

  async succeeded(who: LoginAttempt): Promise<void> {
    const keys = throttleKeys(who);
    this.open.delete(keys.pair);
    this.held.delete(keys.pair);
    const uncounted = [keys.address];
    if (!this.isKnown(keys.known)) uncounted.push(keys.user);
    for (const key of uncounted) {
      const window = this.live(key);
      if (window) window.count = Math.max(0, window.count - 1);
    }
    this.known.delete(keys.known);
    if (this.known.size >= MAX_KNOWN_ADDRESSES) this.known.delete(this.known.keys().next().value!);
    this.known.set(keys.known, this.now() + KNOWN_ADDRESS_TTL_MS);
  }

  private isKnown(key: string): boolean {
    const until = this.known.get(key);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.known.delete(key);
    return false;
  }

  private live(key: string): Window | undefined {
    const map = this.held.has(key) ? this.held : this.open;
    const window = map.get(key);
    if (window && this.now() >= window.expiresAt) {
      map.delete(key);
      return undefined;
    }
    return window;
  }

  private count(key: string, rule: Rule, now: number): void {
    let window = this.live(key);
    if (!window) {
      window = { count: 0, expiresAt: now + rule.windowMs, nextAt: 0 };
      this.open.set(key, window);
    }
    window.count += 1;
    if (rule === USER) window.nextAt = now + userDelayMs(window.count);
    if (window.count >= rule.holdAt && this.open.delete(key)) this.held.set(key, window);
  }

  /** Drops the oldest unrestricted windows, but not `keep`, until `needed` new ones fit; false if they cannot. */
  private makeRoom(needed: number, keep: readonly string[]): boolean {
    let excess = this.open.size + this.held.size + needed - this.maxTrackedKeys;
    if (excess <= 0) return true;
    // A batch at a time: under spraying, walking the map's head for every attempt would be quadratic.
    excess = Math.max(excess, Math.ceil(this.maxTrackedKeys / EVICTION_BATCH_FRACTION));
    for (const key of this.open.keys()) {
      if (excess <= 0) return true;
      if (!keep.includes(key) && this.open.delete(key)) excess -= 1;
    }
    // Only restricting windows left: the expired ones may go, the live ones stay.
    const now = this.now();
    for (const [key, window] of this.held) {
      if (now >= window.expiresAt && this.held.delete(key)) excess -= 1;
    }
    return excess <= 0;
  }

  private soonestHeldExpiry(): number {
    let soonest = this.now() + LOGIN_WINDOW_MS;
    for (const window of this.held.values()) soonest = Math.min(soonest, window.expiresAt);
    return soonest;
  }
}
