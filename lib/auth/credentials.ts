import "server-only";
import { randomBytes } from "node:crypto";
import { verifyPassword, type PasswordHash } from "@/lib/auth/password";

/** Longest username or password worth hashing: anything longer is refused before scrypt runs. */
export const MAX_CREDENTIAL_LENGTH = 1_024;

const decoys = new WeakMap<ReadonlyMap<string, PasswordHash>, PasswordHash>();

/** A hash nothing matches, with the configured users' cost, so a wrong name takes as long as a wrong password. */
export function decoyFor(users: ReadonlyMap<string, PasswordHash>): PasswordHash {
  let decoy = decoys.get(users);
  if (!decoy) {
    const model = users.values().next().value;
    if (!model) throw new Error("No users configured");
    decoy = { params: model.params, salt: randomBytes(model.salt.length), key: randomBytes(model.key.length) };
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
