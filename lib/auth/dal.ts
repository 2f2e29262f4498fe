import "server-only";
import { getIronSession } from "iron-session";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { callerOf, type Caller } from "@/lib/auth/audited-read";
import { PAGE_PATH_HEADER, safeNextPath } from "@/lib/next-path";
import { requestCookieSecure, sessionOptions, type SessionData } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";

export type PageSession = { required: false; user: null } | { required: true; user: string };

/** The signed-in user for this render, read once per request (React cache). */
export const verifySession = cache(async (): Promise<PageSession | null> => {
  // Render per request, never at build time: the build has no users, and the CSP nonce is per response.
  await connection();
  const { auth, production } = getConfig();
  if (!auth) return { required: false, user: null };
  // Next sets Host and X-Forwarded-Proto on every request; the URL is only their fallback.
  const secure = requestCookieSecure(auth, await headers(), "http://localhost/", production);
  const session = await getIronSession<SessionData>(await cookies(), sessionOptions(auth, secure));
  return session.user && auth.users.has(session.user) ? { required: true, user: session.user } : null;
});

/** The caller of this page render, for the audit line of any balances it reads on the server. */
export async function pageCaller(session: PageSession): Promise<Caller> {
  return callerOf(await headers(), session.user);
}

/**
 * A page that shows balances calls this first: no session, no page. After sign-in the user comes
 * back to the exact path and query asked for (proxy.ts passes it), or to `fallbackPath`.
 */
export async function requirePageSession(fallbackPath: string): Promise<PageSession> {
  const session = await verifySession();
  if (!session) {
    const asked = (await headers()).get(PAGE_PATH_HEADER);
    redirect(`/login?next=${encodeURIComponent(safeNextPath(asked ?? fallbackPath))}`);
  }
  return session;
}
