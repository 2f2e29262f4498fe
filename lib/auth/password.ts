import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Password hashes are scrypt (node:crypto) in one self-describing line:
 *   scrypt:N=32768:r=8:p=3:<salt base64url>:<hash base64url>
 * Colons, not `$` or `,`: DASHBOARD_USERS separates users with commas, and Next's .env loader
 * expands `$NAME`.
 */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** OWASP's scrypt setting for 32 MiB of memory (N=2^15, r=8, p=3). */
const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Bounds a hash line may ask for, so a typo in DASHBOARD_USERS cannot exhaust the server. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

export interface PasswordHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

const HASH_PATTERN = /^scrypt:N=(\d+):r=(\d+):p=(\d+):([A-Za-z0-9_-]{16,}):([A-Za-z0-9_-]{32,})$/;

function isPowerOfTwo(value: number): boolean {
  return value > 1 && (value & (value - 1)) === 0;
}

/** Parses a hash line; null when it is not one this module wrote (or its parameters are unsafe). */
export function parsePasswordHash(line: string): PasswordHash | null {
  const match = HASH_PATTERN.exec(line.trim());
  if (!match) return null;
  const [, n, r, p, salt, key] = match;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!isPowerOfTwo(params.N) || params.N > MAX_N) return null;
  if (params.r < 1 || params.r > MAX_R || params.p < 1 || params.p > MAX_P) return null;
  const saltBytes = Buffer.from(salt!, "base64url");
  const keyBytes = Buffer.from(key!, "base64url");
  if (saltBytes.length < SALT_BYTES || keyBytes.length < KEY_BYTES) return null;
  return { params, salt: saltBytes, key: keyBytes };
}

export function formatPasswordHash({ params, salt, key }: PasswordHash): string {
  return `scrypt:N=${params.N}:r=${params.r}:p=${params.p}:${salt.toString("base64url")}:${key.toString("base64url")}`;
}

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default cap (32 MiB) is exactly too small for N=2^15, r=8.
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return formatPasswordHash({ params, salt, key });
}

/** Constant-time comparison of the derived key. */
export async function verifyPassword(password: string, hash: PasswordHash): Promise<boolean> {
  const candidate = await derive(password, hash.salt, hash.params, hash.key.length);
  return timingSafeEqual(candidate, hash.key);
}
