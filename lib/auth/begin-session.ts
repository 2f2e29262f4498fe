import "server-only";
import { getIronSession } from "iron-session";
import type { Role } from "@/lib/auth/roles";
import { requestCookieSecure, sessionOptions, type SessionData } from "@/lib/auth/session";
import type { AppConfig } from "@/lib/config";

/** What a sign-in grants: a local user (role re-read from configuration at each request) or an OIDC user (role mapped at sign-in). */
export type SessionGrant =
  | { user: string; source: "local" }
  | { user: string; source: "oidc"; role: Role; accounts: readonly string[] | null; idToken: string | null };

/**
 * The one place sessions start: the local login route and the OIDC callback call it. The grant is
 * sealed in the iron-session cookie until server-side sessions keep it in the store instead.
 */
export async function beginSession(request: Request, response: Response, config: AppConfig, grant: SessionGrant): Promise<void> {
  const { auth } = config;
  if (!auth) throw new Error("beginSession without sign-in configured");
  const secure = requestCookieSecure(auth, request.headers, request.url, config.production);
  const session = await getIronSession<SessionData>(request, response, sessionOptions(auth, secure));
  session.user = grant.user;
  session.signedInAt = Date.now();
  if (grant.source === "oidc") {
    session.source = "oidc";
    session.role = grant.role;
    session.accounts = grant.accounts;
    session.idToken = grant.idToken;
  }
  await session.save();
}

/** Clears the cookie; returns the OIDC ID token (for id_token_hint) of the session it ended, or null when there was none. */
export async function endSession(request: Request, response: Response, config: AppConfig): Promise<{ idToken: string | null } | null> {
  const { auth } = config;
  if (!auth) return null;
  const secure = requestCookieSecure(auth, request.headers, request.url, config.production);
  const session = await getIronSession<SessionData>(request, response, sessionOptions(auth, secure));
  const ended = session.user ? { idToken: session.source === "oidc" ? (session.idToken ?? null) : null } : null;
  session.destroy();
  return ended;
}
