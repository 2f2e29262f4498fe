import "server-only";
import {
  KNOWN_ADDRESS_TTL_MS,
  LOGIN_WINDOW_MS,
  MAX_ADDRESS_FAILURES,
  MAX_LOGIN_FAILURES,
  throttleKeys,
  USER_DELAY_BASE_MS,
  USER_DELAY_MAX_MS,
  USER_FREE_FAILURES,
  USER_MAX_FAILURES,
  USER_WINDOW_MS,
  type LoginAttempt,
  type LoginThrottle,
  type ThrottleVerdict,
} from "@/lib/auth/throttle";
import { coordinated, REDIS_KEY_PREFIX, type Redis } from "@/lib/coordination/redis";

// The rules of MemoryLoginThrottle, check-and-count in one script, so parallel guesses on any
// instance cannot slip past. A window is a hash {c: count, e: expires at, n: next attempt at}; times
// come from the caller's clock (ARGV[1]) so every instance and the tests agree with the memory
// throttle, and Redis's own TTL only collects the garbage. Redis never drops a key before its TTL
// unless its maxmemory-policy evicts (the default, noeviction, does not).
const COMMON = `
local now = tonumber(ARGV[1])
local function int(x) return string.format('%.0f', x) end
local function live(key)
  local w = redis.call('HMGET', key, 'c', 'e', 'n')
  if not w[1] or tonumber(w[2]) <= now then return nil end
  return { c = tonumber(w[1]), e = tonumber(w[2]), n = tonumber(w[3] or '0') }
end
local known = tonumber(redis.call('GET', KEYS[4]) or '0') > now
`;

// KEYS: pair, address, user, known. ARGV: now, then limit and window of pair, address, user,
// then the user's free failures, first delay and longest delay.
const ATTEMPT = `${COMMON}
local rules = { { KEYS[1], ARGV[2], ARGV[3] }, { KEYS[2], ARGV[4], ARGV[5] } }
if not known then rules[3] = { KEYS[3], ARGV[6], ARGV[7] } end
local wait = 0
for _, rule in ipairs(rules) do
  local w = live(rule[1])
  if w then
    if w.c >= tonumber(rule[2]) then wait = math.max(wait, w.e - now)
    elseif w.n > now then wait = math.max(wait, w.n - now) end
  end
end
if wait > 0 then return wait end
for i, rule in ipairs(rules) do
  local count = 1
  if live(rule[1]) then
    count = redis.call('HINCRBY', rule[1], 'c', 1)
  else
    redis.call('DEL', rule[1])
    redis.call('HSET', rule[1], 'c', 1, 'e', int(now + tonumber(rule[3])), 'n', 0)
    redis.call('PEXPIRE', rule[1], rule[3])
  end
  local free = tonumber(ARGV[8])
  if i == 3 and count >= free then
    local delay = math.min(tonumber(ARGV[9]) * 2 ^ (count - free), tonumber(ARGV[10]))
    redis.call('HSET', rule[1], 'n', int(now + delay))
  end
end
return 0`;

// KEYS: pair, address, user, known. ARGV: now, how long the address stays known.
const SUCCEEDED = `${COMMON}
redis.call('DEL', KEYS[1])
local uncount = { KEYS[2] }
if not known then uncount[2] = KEYS[3] end
for _, key in ipairs(uncount) do
  local w = live(key)
  if w and w.c > 0 then redis.call('HINCRBY', key, 'c', -1) end
end
redis.call('SET', KEYS[4], int(now + tonumber(ARGV[2])), 'PX', ARGV[2])
return 0`;

// One hash tag, so a multi-key script stays in one slot on clustered Redis too.
const throttleKey = (key: string) => `${REDIS_KEY_PREFIX}{login}:${key}`;

function scriptKeys(who: LoginAttempt): string[] {
  const keys = throttleKeys(who);
  return [keys.pair, keys.address, keys.user, keys.known].map(throttleKey);
}

/**
 * Sign-in attempts counted in Redis (REDIS_URL), so the limits hold across every instance. A Redis
 * failure throws CoordinationError: sign-in fails closed (503) rather than count nothing.
 */
export class RedisLoginThrottle implements LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly now: () => number = Date.now,
  ) {}

  async attempt(who: LoginAttempt): Promise<ThrottleVerdict> {
    const keys = scriptKeys(who);
    const args = [
      this.now(),
      MAX_LOGIN_FAILURES, LOGIN_WINDOW_MS,
      MAX_ADDRESS_FAILURES, LOGIN_WINDOW_MS,
      USER_MAX_FAILURES, USER_WINDOW_MS,
      USER_FREE_FAILURES, USER_DELAY_BASE_MS, USER_DELAY_MAX_MS,
    ].map(String);
    const waitMs = await coordinated("login-throttle", () => this.redis.eval(ATTEMPT, keys.length, ...keys, ...args));
    const wait = typeof waitMs === "number" ? waitMs : 0;
    return { blocked: wait > 0, retryAfterSeconds: Math.ceil(wait / 1000) };
  }

  async succeeded(who: LoginAttempt): Promise<void> {
    const keys = scriptKeys(who);
    const args = [this.now(), KNOWN_ADDRESS_TTL_MS].map(String);
    await coordinated("login-throttle", () => this.redis.eval(SUCCEEDED, keys.length, ...keys, ...args));
  }
}
