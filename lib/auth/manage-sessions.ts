import "server-only";
import { ApiError } from "@/lib/api/errors";
import { jsonResponse } from "@/lib/api/response";
import { audit } from "@/lib/auth/audit";
import type { Caller } from "@/lib/auth/audited-read";
import { clearSessionCookie } from "@/lib/auth/begin-session";
import { sessionStore } from "@/lib/auth/session";
import type { AppConfig, AuthConfig } from "@/lib/config";
import type { ActiveSession, SessionRecord, SessionStore } from "@/lib/store";
import { readBodyLimited } from "@/lib/request-body";

/** A session as the admin list and its API show it: nothing that could sign anyone in. */
export interface SessionJson {
  id: number;
  user: string;
  source: "local" | "oidc";
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  address: string | null;
  userAgent: string | null;
}

function toJson({ id, user, source, createdAt, lastSeenAt, expiresAt, address, userAgent }: ActiveSession): SessionJson {
  return { id, user, source, createdAt: createdAt.toISOString(), lastSeenAt: lastSeenAt.toISOString(), expiresAt: expiresAt.toISOString(), address, userAgent };
}

function signInOn(config: AppConfig): AuthConfig {
  if (!config.auth) throw new ApiError("sign_in_disabled", "Sign-in is off: this demo dashboard is open to everyone, and keeps no sessions.");
  return config.auth;
}

/** Runs one store call; a failure is 503 session_unavailable, never a half-done answer. */
async function withSessions<T>(task: (sessions: SessionStore) => Promise<T>): Promise<T> {
  const sessions = await sessionStore();
  try {
    return await task(sessions);
  } catch (error) {
    console.error(JSON.stringify({ event: "session_store_failed", message: error instanceof Error ? error.message : String(error) }));
    throw new ApiError("session_unavailable", "Sessions cannot be changed right now (the store is not answering). Try again shortly.");
  }
}

/** Sessions still usable now (not ended, before SESSION_TTL, used within SESSION_IDLE), most recently seen first. */
export async function listActiveSessions(config: AppConfig, now = new Date()): Promise<SessionJson[]> {
  const auth = signInOn(config);
  const idleSince = new Date(now.getTime() - auth.sessionIdleSeconds * 1000);
  return (await withSessions((sessions) => sessions.listActive(now, idleSince))).map(toJson);
}

const revokedDetails = (session: SessionRecord, reason: string) => ({ reason, session_id: String(session.id), session_user: session.user });

/** An admin ends one session (`id` from the list); 404 session_not_found when it has already ended. */
export async function revokeSession(rawId: string, config: AppConfig, caller: Caller): Promise<{ ended: SessionJson }> {
  signInOn(config);
  // Fifteen digits stay exact as a number.
  if (!/^[1-9]\d{0,14}$/.test(rawId)) throw new ApiError("bad_request", "The session id is a whole number from the list of sessions.");
  const id = Number(rawId);
  const ended = await withSessions((sessions) => sessions.end({ id }, new Date(), "revoked"));
  if (!ended) throw new ApiError("session_not_found", `Session ${id} is not open (it has ended, or never existed).`);
  await audit({ event: "session_revoked", user: caller.user, outcome: "ok", address: caller.address, details: revokedDetails(ended, "revoked") });
  return { ended: toJson(ended) };
}

/** "Sign out everywhere" takes no body. */
const MAX_END_MINE_BODY_BYTES = 0;

/** Ends every session of the caller, this one included, on every instance, and clears this cookie. */
export async function endOwnSessions(request: Request, config: AppConfig, caller: Caller): Promise<Response> {
  const auth = signInOn(config);
  await readBodyLimited(request, MAX_END_MINE_BODY_BYTES);
  const user = caller.user;
  if (user === null) throw new ApiError("unauthenticated", "Sign in to sign out everywhere.");
  const ended = await withSessions((sessions) => sessions.endUser(user, new Date(), "logout_everywhere"));
  await audit({
    event: "session_revoked",
    user,
    outcome: "ok",
    address: caller.address,
    details: { reason: "logout_everywhere", count: String(ended.length), session_user: user },
  });
  const response = jsonResponse({ ended: ended.length });
  await clearSessionCookie(request, response, auth, config.production);
  return response;
}
