/**
 * What every instance shares about one Gemini API key, in Redis: the Redis implementations of
 * lib/gemini's NonceStore, KeyGate and RateBudget (their in-process twins live beside the interfaces).
 */
import "server-only";
import { randomUUID } from "node:crypto";
import { CoordinationError } from "@/lib/coordination/errors";
import { coordinated, REDIS_KEY_PREFIX, type Redis } from "@/lib/coordination/redis";
import { GeminiError } from "@/lib/gemini/errors";
import { MemoryKeyGate, type GateLease, type KeyGate } from "@/lib/gemini/gate";
import type { Clock, NonceStore } from "@/lib/gemini/nonce";
import { slotSpacingMs, type RateBudget } from "@/lib/gemini/rate-budget";

/** A holder that dies keeps the gate at most this long; a live holder renews it. */
export const GATE_LEASE_MS = 5_000;
export const GATE_RENEW_EVERY_MS = Math.floor(GATE_LEASE_MS / 3);
/** Waiting for another instance's gate is polling: short, jittered, bounded by the request deadline. */
export const GATE_POLL_MS = 10;

// Nonces are decimal digit strings without leading zeros: longer is larger, equal length compares
// as text. INCR keeps Redis' exact 64-bit arithmetic; no Lua float ever holds a nonce.
const CLAIM_NONCE = `
local last = redis.call('GET', KEYS[1])
local candidate = ARGV[1]
if last and (#last > #candidate or (#last == #candidate and last >= candidate)) then
  redis.call('INCR', KEYS[1])
  return redis.call('GET', KEYS[1])
end
redis.call('SET', KEYS[1], candidate)
return candidate`;

const RENEW_IF_HELD = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

const RELEASE_IF_HELD = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// Redis' own clock, so every instance reserves slots on one timeline.
const RESERVE_SLOT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local spacing = tonumber(ARGV[1])
local slot = now
local booked = redis.call('GET', KEYS[1])
if booked and tonumber(booked) > now then slot = tonumber(booked) end
redis.call('SET', KEYS[1], string.format('%.0f', slot + spacing), 'PX', slot + spacing - now + 1000)
return slot - now`;

const nonceKey = (keyId: string) => `${REDIS_KEY_PREFIX}nonce:${keyId}`;
const gateKey = (keyId: string) => `${REDIS_KEY_PREFIX}gate:${keyId}`;
const rateKey = (keyId: string) => `${REDIS_KEY_PREFIX}rate:${keyId}`;

/** The last nonce of each key, shared by every instance; a claim is one atomic script. */
export class RedisNonceStore implements NonceStore {
  constructor(private readonly redis: Redis) {}

  async claim(keyId: string, candidate: bigint): Promise<bigint> {
    const claimed = await coordinated("nonce", () => this.redis.eval(CLAIM_NONCE, 1, nonceKey(keyId), candidate.toString()));
    if (typeof claimed !== "string" && typeof claimed !== "number") throw new CoordinationError("nonce");
    return BigInt(claimed);
  }
}

export interface RedisKeyGateOptions {
  leaseMs?: number;
  renewEveryMs?: number;
  pollMs?: number;
}

/**
 * The one-in-flight gate across instances: a Redis lock with a lease, renewed while held and
 * released (only by its holder) when done. In-process callers first queue on a local gate, so one
 * instance polls Redis with one caller at most.
 */
export class RedisKeyGate implements KeyGate {
  private readonly local: MemoryKeyGate;
  private readonly leaseMs: number;
  private readonly renewEveryMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly clock: Clock,
    options: RedisKeyGateOptions = {},
  ) {
    this.local = new MemoryKeyGate(clock);
    this.leaseMs = options.leaseMs ?? GATE_LEASE_MS;
    this.renewEveryMs = options.renewEveryMs ?? GATE_RENEW_EVERY_MS;
    this.pollMs = options.pollMs ?? GATE_POLL_MS;
  }

  run<T>(keyId: string, deadline: number, task: (lease: GateLease) => Promise<T>): Promise<T> {
    return this.local.run(keyId, deadline, () => this.hold(gateKey(keyId), deadline, task));
  }

  private async hold<T>(key: string, deadline: number, task: (lease: GateLease) => Promise<T>): Promise<T> {
    const token = randomUUID();
    await this.acquire(key, token, deadline);
    const renew = async (): Promise<boolean> =>
      (await coordinated("gate", () => this.redis.eval(RENEW_IF_HELD, 1, key, token, String(this.leaseMs)))) === 1;
    // Renewed on the injected clock, so a test can run a lease past its length without waiting.
    let held = true;
    void (async () => {
      while (held) {
        await this.clock.sleep(this.renewEveryMs);
        if (held) await renew().catch(() => undefined);
      }
    })();
    const lease: GateLease = {
      confirm: async () => {
        if (await renew()) return;
        console.error(JSON.stringify({ event: "gate_lease_lost" }));
        throw new CoordinationError("gate");
      },
    };
    try {
      return await task(lease);
    } finally {
      held = false;
      // If this fails the lease still expires on its own; the request's own result stands.
      await coordinated("gate", () => this.redis.eval(RELEASE_IF_HELD, 1, key, token)).catch(() => undefined);
    }
  }

  private async acquire(key: string, token: string, deadline: number): Promise<void> {
    for (;;) {
      const taken = await coordinated("gate", () => this.redis.set(key, token, "PX", this.leaseMs, "NX"));
      if (taken === "OK") return;
      const wait = this.pollMs + Math.floor(Math.random() * this.pollMs);
      // Redis answered, the key is just busy: the KeyGate contract's timeout, as MemoryKeyGate's.
      if (this.clock.nowMs() + wait >= deadline) throw new GeminiError("timeout");
      await this.clock.sleep(wait);
    }
  }
}

/** The per-key slot schedule shared by every instance. */
export class RedisRateBudget implements RateBudget {
  private readonly spacingMs: number;

  constructor(
    private readonly redis: Redis,
    callsPerSecond: number,
  ) {
    this.spacingMs = slotSpacingMs(callsPerSecond);
  }

  async reserve(keyId: string): Promise<number> {
    const wait = await coordinated("rate", () => this.redis.eval(RESERVE_SLOT, 1, rateKey(keyId), String(this.spacingMs)));
    return typeof wait === "number" ? Math.max(0, wait) : 0;
  }
}
