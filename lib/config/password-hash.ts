import "server-only";

/**
 * The password hash line of DASHBOARD_USERS: scrypt (node:crypto) in one self-describing line,
 *   scrypt:N=32768:r=8:p=3:<salt base64url>:<hash base64url>
 * Colons, not `$` or `,`: DASHBOARD_USERS separates users with commas, and Next's .env loader
 * expands `$NAME`. The format lives here so lib/config can refuse a bad line at start; hashing
 * and verifying are lib/auth/password.ts.
 */
export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** The salt and derived key hashPassword writes, and the least a line may carry. */
export const SALT_BYTES = 16;
export const KEY_BYTES = 32;
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

/** Parses a hash line; null when it is not one formatPasswordHash wrote (or its parameters are unsafe). */
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
