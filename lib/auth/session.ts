import "server-only";
import { getIronSession, type SessionOptions } from "iron-session";
import { ApiError } from "@/lib/api/errors";
import { audit } from "@/lib/auth/audit";
import type { Principal } from "@/lib/auth/roles";
import { sessionPrincipalOf } from "@/lib/auth/server-session";
import type { AuthConfig } from "@/lib/config";
import { getStore } from "@/lib/server/runtime";
import type { SessionStore } from "@/lib/store";

export const SESSION_COOKIE = "treasury_session";
/**
 * The name when Secure: a browser keeps a __Host- cookie only if it is Secure, Path=/ and has no
 * Domain, so no subdomain or plain-http page can set or shadow it. Plain http (localhost) cannot use it.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

/** What the sealed cookie holds: only the session's opaque id; the session itself is in the store. */
export interface SessionData {
  sid?: string;
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export interface RequestOrigin {
  protocol: "http" | "https";
  hostname: string;
}

/**
 * Secure in production, except on plain http to localhost (a browser would drop the cookie there,
 * and the e2e suite runs that way); COOKIE_SECURE=true/false overrides.
 */
export function cookieSecure(auth: AuthConfig, origin: RequestOrigin, production: boolean): boolean {
  if (auth.cookieSecure !== null) return auth.cookieSecure;
  if (!production) return false;
  return !(origin.protocol === "http" && LOOPBACK_HOSTS.has(origin.hostname));
}

export function sessionOptions(auth: AuthConfig, secure: boolean): SessionOptions {
  return {
    cookieName: secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE,
    password: { ...toPasswordMap(auth.sessionPassword) },
    ttl: auth.sessionTtlSeconds,
    cookieOptions: { httpOnly: true, sameSite: "lax", secure, path: "/" },
  };
}

function toPasswordMap(password: AuthConfig["sessionPassword"]): Record<string, string> {
  return typeof password === "string" ? { "1": password } : password;
}

/** The protocol and host the browser used, as Next reports them (x-forwarded-proto is set by Next itself). */
export function requestOrigin(headers: Headers, url: string): RequestOrigin {
  const forwarded = headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  const protocol = forwarded === "https" || (!forwarded && url.startsWith("https:")) ? "https" : "http";
  const host = headers.get("host") ?? new URL(url).host;
  return { protocol, hostname: host.replace(/:\d+$/, "").toLowerCase() };
}

/** Whether this request's session cookie is Secure, and so which name it goes by (signing in, out, and reading agree). */
export function requestCookieSecure(auth: AuthConfig, headers: Headers, url: string, production: boolean): boolean {
  return cookieSecure(auth, requestOrigin(headers, url), production);
}

/** The store's sessions; fails closed (503 session_unavailable) when the store cannot be reached. */
export async function sessionStore(): Promise<SessionStore> {
  try {
    return (await getStore()).sessions;
  } catch (error) {
    throw sessionUnavailable(error);
  }
}

function sessionUnavailable(error: unknown): ApiError {
  console.error(JSON.stringify({ event: "session_store_failed", message: error instanceof Error ? error.message : String(error) }));
  return new ApiError("session_unavailable", "Sessions cannot be checked right now (the store is not answering), so this request was refused.");
}

/**
 * Who the session named by a cookie's id is for (lib/auth/server-session.ts decides); a store
 * failure is 503 session_unavailable, never a signed-in request.
 */
export async function principalOfSessionId(sid: string | undefined, auth: AuthConfig): Promise<Principal | null> {
  if (!sid) return null;
  const sessions = await sessionStore();
  try {
    return await sessionPrincipalOf(sid, {
      sessions,
      auth,
      now: new Date(),
      ended: (session, reason) =>
        audit({ event: "session_revoked", user: session.user, outcome: "ok", details: { reason, session_id: String(session.id), by: "system" } }),
    });
  } catch (error) {
    throw sessionUnavailable(error);
  }
}

/** The session id a request's cookie holds, if the cookie is genuine (sealed with our secret, under the name its origin uses). */
export async function sessionCookieId(request: Request, auth: AuthConfig, production: boolean): Promise<string | undefined> {
  const secure = requestCookieSecure(auth, request.headers, request.url, production);
  const session = await getIronSession<SessionData>(request, new Response(), sessionOptions(auth, secure));
  return session.sid;
}

/** Who a request's session cookie names, if the cookie is genuine and its session open in the store. */
export async function sessionPrincipal(request: Request, auth: AuthConfig, production: boolean): Promise<Principal | null> {
  return principalOfSessionId(await sessionCookieId(request, auth, production), auth);
}
