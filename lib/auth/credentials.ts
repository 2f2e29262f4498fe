import "server-only";
import { randomBytes } from "node:crypto";
import { verifyPassword } from "@/lib/auth/password";
import type { PasswordHash } from "@/lib/config/password-hash";

/** Longest username or password worth hashing: anything longer is refused before scrypt runs. */
export const MAX_CREDENTIAL_LENGTH = 1_024;

const decoys = new WeakMap<ReadonlyMap<string, PasswordHash>, PasswordHash>();

/** scrypt's work grows with N·r·p (its memory with N·r); the key length adds its own passes. */
function cost({ params, key }: PasswordHash): number {
  return params.N * params.r * params.p * key.length;
}

/**
 * A hash nothing matches, at the cost of the strongest configured hash: an unknown name is never
 * answered faster than a user's wrong password. (Users hashed with weaker parameters still answer
 * faster; one set of parameters for everyone hides them all.)
 */
export function decoyFor(users: ReadonlyMap<string, PasswordHash>): PasswordHash {
  let decoy = decoys.get(users);
  if (!decoy) {
    let strongest: PasswordHash | undefined;
    for (const hash of users.values()) if (!strongest || cost(hash) > cost(strongest)) strongest = hash;
    if (!strongest) throw new Error("No users configured");
    decoy = { params: strongest.params, salt: randomBytes(strongest.salt.length), key: randomBytes(strongest.key.length) };
    decoys.set(users, decoy);
  }
  return decoy;
}

/** The user's name when the password matches; null otherwise, at the same cost for unknown names. */
export async function verifyCredentials(
  users: ReadonlyMap<string, PasswordHash>,
  username: string,
  password: string,
): Promise<string | null> {
  const known = users.get(username);
  const matches = await verifyPassword(password, known ?? decoyFor(users));
  return known && matches ? username : null;
}
