import "server-only";
import { getIronSession } from "iron-session";
import { ApiError } from "@/lib/api/errors";
import { clientAddress } from "@/lib/auth/client-address";
import type { Role } from "@/lib/auth/roles";
import { credentialFingerprint, newSessionToken, sessionTokenDigest } from "@/lib/auth/server-session";
import { requestCookieSecure, sessionCookieId, sessionOptions, sessionStore, type SessionData } from "@/lib/auth/session";
import type { AppConfig, AuthConfig } from "@/lib/config";
import type { SessionIdentity } from "@/lib/store";

/** Who signed in, and how: a configured user, or one an OIDC provider vouched for (role and accounts mapped at sign-in). */
export type SessionGrant =
  | { user: string; source: "local" }
  | { user: string; source: "oidc"; role: Role; accounts: readonly string[] | null; idToken: string | null };

/** Long enough to tell browsers apart in the admin list, short enough that a header cannot bloat a row. */
const MAX_USER_AGENT_LENGTH = 256;

function signInOn(config: AppConfig): AuthConfig {
  if (!config.auth) throw new ApiError("sign_in_disabled", "Sign-in is off: this demo dashboard is open to everyone.");
  return config.auth;
}

function identityOf(grant: SessionGrant, auth: AuthConfig): SessionIdentity {
  if (grant.source === "oidc") return grant;
  const hash = auth.users.get(grant.user);
  // Only a verified, configured user reaches here; anything else is a bug, not a session.
  if (!hash) throw new Error(`beginSession: '${grant.user}' is not a configured user`);
  return { user: grant.user, source: "local", credential: credentialFingerprint(hash) };
}

/**
 * Starts a session: a row in the store (its id's digest, who, until when, from where) and a cookie
 * on `response` holding only the id. A store failure is 503 session_unavailable and sets no cookie.
 */
export async function beginSession(request: Request, response: Response, config: AppConfig, grant: SessionGrant): Promise<void> {
  const auth = signInOn(config);
  const sessions = await sessionStore();
  const token = newSessionToken();
  const now = new Date();
  try {
    await sessions.create({
      ...identityOf(grant, auth),
      tokenHash: sessionTokenDigest(token),
      createdAt: now,
      expiresAt: new Date(now.getTime() + auth.sessionTtlSeconds * 1000),
      address: clientAddress(request.headers, config.trustedProxies),
      userAgent: request.headers.get("user-agent")?.slice(0, MAX_USER_AGENT_LENGTH) ?? null,
    });
  } catch (error) {
    console.error(JSON.stringify({ event: "session_store_failed", message: error instanceof Error ? error.message : String(error) }));
    throw new ApiError("session_unavailable", "Sign-in could not be recorded (the session store is not answering). Try again shortly.");
  }
  const secure = requestCookieSecure(auth, request.headers, request.url, config.production);
  const session = await getIronSession<SessionData>(request, response, sessionOptions(auth, secure));
  session.sid = token;
  await session.save();
}

/** Clears the cookie on `response`. */
export async function clearSessionCookie(request: Request, response: Response, auth: AuthConfig, production: boolean): Promise<void> {
  const secure = requestCookieSecure(auth, request.headers, request.url, production);
  const session = await getIronSession<SessionData>(request, response, sessionOptions(auth, secure));
  session.destroy();
}

/**
 * Ends this request's session in the store (so every instance refuses its cookie from now on) and
 * clears the cookie; returns the OIDC id token for the provider's sign-out, or null when the
 * cookie named no open session. A store failure is 503 session_unavailable: the session stays
 * open, so the caller is told rather than shown a sign-out that did not happen.
 */
export async function endSession(request: Request, response: Response, config: AppConfig): Promise<{ idToken: string | null } | null> {
  const auth = signInOn(config);
  const sid = await sessionCookieId(request, auth, config.production);
  let ended = null;
  if (sid) {
    const sessions = await sessionStore();
    try {
      ended = await sessions.end({ tokenHash: sessionTokenDigest(sid) }, new Date(), "logout");
    } catch (error) {
      console.error(JSON.stringify({ event: "session_store_failed", message: error instanceof Error ? error.message : String(error) }));
      throw new ApiError("session_unavailable", "Sign-out could not be recorded (the session store is not answering). Try again shortly.");
    }
  }
  await clearSessionCookie(request, response, auth, config.production);
  return ended ? { idToken: ended.idToken } : null;
}
