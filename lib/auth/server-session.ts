import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { localPrincipal } from "@/lib/auth/principal";
import type { Principal } from "@/lib/auth/roles";
import type { AuthConfig } from "@/lib/config";
import type { PasswordHash } from "@/lib/config/password-hash";
import type { SessionEndReason, SessionRecord, SessionStore } from "@/lib/store";

/**
 * A session's last_seen_at is written at most this often: most reads then only read, and the
 * idle timeout is still exact to within this much.
 */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;
/** 256 random bits: the cookie's id cannot be guessed. */
const SESSION_TOKEN_BYTES = 32;

/** A new opaque session id, for the cookie only (the store keeps its digest). */
export function newSessionToken(): string {
  return randomBytes(SESSION_TOKEN_BYTES).toString("base64url");
}

/** What the store keeps instead of the id: reading the table yields no usable cookie. */
export function sessionTokenDigest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A digest of a user's password hash at sign-in: a changed hash no longer matches, so the session ends. */
export function credentialFingerprint(hash: PasswordHash): string {
  const { N, r, p } = hash.params;
  return createHash("sha256").update(`scrypt:${N}:${r}:${p}:`).update(hash.salt).update(":").update(hash.key).digest("base64url");
}

export interface SessionLookup {
  sessions: SessionStore;
  auth: AuthConfig;
  now: Date;
  /** Told of a session ended here because its user was removed or their password hash changed. */
  ended: (session: SessionRecord, reason: SessionEndReason) => Promise<void>;
}

/**
 * Who the session with this cookie id is for, or null: unknown, ended, past SESSION_TTL, idle past
 * SESSION_IDLE, or a local user no longer configured or whose password hash changed (those end it
 * at once). A store failure throws: the caller refuses the request rather than guess.
 */
export async function sessionPrincipalOf(token: string, { sessions, auth, now, ended }: SessionLookup): Promise<Principal | null> {
  const session = await sessions.byToken(sessionTokenDigest(token));
  if (!session || session.endedAt !== null) return null;
  const nowMs = now.getTime();
  if (nowMs >= session.expiresAt.getTime()) return null;
  if (nowMs - session.lastSeenAt.getTime() > auth.sessionIdleSeconds * 1000) return null;
  const principal = principalOfSession(session, auth);
  if ("ended" in principal) {
    if (await sessions.end({ id: session.id }, now, principal.ended)) await ended(session, principal.ended);
    return null;
  }
  if (nowMs - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) await sessions.touch(session.id, now);
  return principal;
}

/** A local session's principal is today's configuration's; an OIDC one's is what sign-in mapped. */
function principalOfSession(session: SessionRecord, auth: AuthConfig): Principal | { ended: SessionEndReason } {
  if (session.source === "oidc") {
    if (!auth.oidc) return { ended: "sign_in_method_off" };
    return session.role ? { user: session.user, role: session.role, accounts: session.accounts } : { ended: "revoked" };
  }
  if (!auth.localLogin) return { ended: "sign_in_method_off" };
  const hash = auth.users.get(session.user);
  const principal = localPrincipal(auth, session.user);
  if (!hash || !principal) return { ended: "user_removed" };
  if (session.credential !== credentialFingerprint(hash)) return { ended: "credential_changed" };
  return principal;
}
