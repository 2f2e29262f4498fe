import "server-only";
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";
import {
  formatPasswordHash,
  KEY_BYTES,
  SALT_BYTES,
  type PasswordHash,
  type ScryptParams,
} from "@/lib/config/password-hash";

// Hashing and verifying DASHBOARD_USERS passwords; the hash line's format is lib/config/password-hash.ts.

/** OWASP's scrypt setting for 32 MiB of memory (N=2^15, r=8, p=3). */
const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };

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
