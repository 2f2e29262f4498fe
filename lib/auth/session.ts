import "server-only";
import { getIronSession, type SessionOptions } from "iron-session";
import { localPrincipal } from "@/lib/auth/principal";
import { isRole, type Principal, type Role } from "@/lib/auth/roles";
import type { AuthConfig } from "@/lib/config";

export const SESSION_COOKIE = "treasury_session";
/**
 * The name when Secure: a browser keeps a __Host- cookie only if it is Secure, Path=/ and has no
 * Domain, so no subdomain or plain-http page can set or shadow it. Plain http (localhost) cannot use it.
 */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;

export interface SessionData {
  user?: string;
  /** When the user signed in, ms since the epoch. */
  signedInAt?: number;
  /** Absent: a local user of DASHBOARD_USERS. */
  source?: "oidc";
  /** An OIDC session's role and accounts, mapped from its claims at sign-in. */
  role?: Role;
  accounts?: readonly string[] | null;
  /** The ID token, for the provider's end_session_endpoint (id_token_hint). */
  idToken?: string | null;
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

/** Who a request's session cookie names, if the cookie is genuine, unexpired and the user still configured. */
export async function sessionPrincipal(request: Request, auth: AuthConfig, production: boolean): Promise<Principal | null> {
  const secure = requestCookieSecure(auth, request.headers, request.url, production);
  const session = await getIronSession<SessionData>(request, new Response(), sessionOptions(auth, secure));
  return principalOfSession(auth, session);
}

/**
 * Who an open session is: a local user is re-read from the configuration (and refused when
 * LOCAL_LOGIN=off); an OIDC user keeps what sign-in mapped, while single sign-on is still configured.
 */
export function principalOfSession(auth: AuthConfig, session: SessionData): Principal | null {
  if (!session.user) return null;
  if (session.source === "oidc") {
    if (!auth.oidc || !session.role || !isRole(session.role)) return null;
    return { user: session.user, role: session.role, accounts: session.accounts ?? null };
  }
  return auth.localLogin ? localPrincipal(auth, session.user) : null;
}
