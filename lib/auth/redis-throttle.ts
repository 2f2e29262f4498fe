import "server-only";
import type { LoginThrottle, ThrottleVerdict } from "@/lib/auth/throttle";
import { coordinated, REDIS_KEY_PREFIX, type Redis } from "@/lib/coordination/redis";

// Check-and-count over all keys in one script: parallel guesses on any instance cannot slip past.
// A window starts at its first attempt and is not extended by later ones (PEXPIRE only on 1).
const ATTEMPT = `
local wait = 0
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[1]) then
    local ttl = redis.call('PTTL', key)
    if ttl > wait then wait = ttl end
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('PEXPIRE', key, ARGV[2]) end
end
return 0`;

const SUCCEEDED = `
redis.call('DEL', KEYS[1])
for i = 2, #KEYS do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
return 0`;

// One hash tag, so a multi-key script stays in one slot on clustered Redis too.
const throttleKey = (key: string) => `${REDIS_KEY_PREFIX}{login}:${key}`;

/** Sign-in attempts counted in Redis (REDIS_URL), so the limit holds across every instance. */
export class RedisLoginThrottle implements LoginThrottle {
  constructor(
    private readonly redis: Redis,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  async attempt(keys: readonly string[]): Promise<ThrottleVerdict> {
    if (keys.length === 0) return { blocked: false, retryAfterSeconds: 0 };
    const waitMs = await coordinated("login-throttle", () =>
      this.redis.eval(ATTEMPT, keys.length, ...keys.map(throttleKey), String(this.limit), String(this.windowMs)),
    );
    const wait = typeof waitMs === "number" ? waitMs : 0;
    return { blocked: wait > 0, retryAfterSeconds: Math.ceil(wait / 1000) };
  }

  async succeeded(clearKey: string, uncountKeys: readonly string[]): Promise<void> {
    const keys = [clearKey, ...uncountKeys].map(throttleKey);
    await coordinated("login-throttle", () => this.redis.eval(SUCCEEDED, keys.length, ...keys));
  }
}
