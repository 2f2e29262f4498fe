import "server-only";
import { getIronSession } from "iron-session";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { sessionOptions, type SessionData } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";

export type PageSession = { required: false; user: null } | { required: true; user: string };

/** The signed-in user for this render, read once per request (React cache). */
export const verifySession = cache(async (): Promise<PageSession | null> => {
  const { auth } = getConfig();
  if (!auth) return { required: false, user: null };
  const session = await getIronSession<SessionData>(await cookies(), sessionOptions(auth, false));
  return session.user && auth.users.has(session.user) ? { required: true, user: session.user } : null;
});

/** A page that shows balances calls this first: no session, no page (back here after sign-in). */
export async function requirePageSession(path: string): Promise<PageSession> {
  const session = await verifySession();
  if (!session) redirect(`/login?next=${encodeURIComponent(path)}`);
  return session;
}
