import "server-only";
import { getIronSession } from "iron-session";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { audit } from "@/lib/auth/audit";
import { callerOf, type Caller } from "@/lib/auth/audited-read";
import { can, OPEN_DEMO_PRINCIPAL, type Permission, type Principal } from "@/lib/auth/roles";
import { PAGE_PATH_HEADER, safeNextPath } from "@/lib/next-path";
import { endWarmUpForVisitor, isWarmUpRequest } from "@/lib/server/warm-up";
import { principalOfSessionId, requestCookieSecure, sessionOptions, type SessionData } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";

/**
 * A page render's viewer: `required` false when the dashboard is open (demo without sign-in).
 * `warmUp`: the server rendering for itself at start (lib/server/warm-up.ts), shown to no one.
 */
export type PageSession = ({ required: false } | { required: true }) & { principal: Principal; user: string | null; warmUp?: true };

const WARM_UP_SESSION: PageSession = { required: false, principal: { user: null, role: "viewer", accounts: null }, user: null, warmUp: true };

/** The signed-in user for this render, read once per request (React cache). */
export const verifySession = cache(async (): Promise<PageSession | null> => {
  // Render per request, never at build time: the build has no users, and the CSP nonce is per response.
  await connection();
  if (isWarmUpRequest(await headers())) return WARM_UP_SESSION;
  endWarmUpForVisitor();
  const { auth, production } = getConfig();
  if (!auth) return { required: false, principal: OPEN_DEMO_PRINCIPAL, user: null };
  // Next sets Host and X-Forwarded-Proto on every request; the URL is only their fallback.
  const secure = requestCookieSecure(auth, await headers(), "http://localhost/", production);
  const session = await getIronSession<SessionData>(await cookies(), sessionOptions(auth, secure));
  // A store failure throws (the error page), never a signed-in render.
  const principal = await principalOfSessionId(session.sid, auth);
  return principal ? { required: true, principal, user: principal.user } : null;
});

/** The caller of this page render, for the audit line of any balances it reads on the server. */
export async function pageCaller(session: PageSession): Promise<Caller> {
  return callerOf(await headers(), session.principal);
}

/**
 * A page calls this first: no session, no page (after sign-in the user comes back to the exact
 * path and query asked for, which proxy.ts passes, or to `fallbackPath`); a role without
 * `permission` gets the 403 page (app/forbidden.tsx), audited like a refused API request.
 */
export async function requirePageSession(fallbackPath: string, permission: Permission = "balances:read"): Promise<PageSession> {
  const session = await verifySession();
  const asked = (await headers()).get(PAGE_PATH_HEADER);
  if (!session) redirect(`/login?next=${encodeURIComponent(safeNextPath(asked ?? fallbackPath))}`);
  if (!can(session.principal.role, permission)) {
    const caller = await pageCaller(session);
    await audit({ event: "access_denied", user: caller.user, outcome: "forbidden_role", address: caller.address, account: null });
    forbidden();
  }
  return session;
}
