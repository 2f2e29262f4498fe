import "server-only";
import { getIronSession } from "iron-session";
import { jsonResponse } from "@/lib/api/response";
import { audit } from "@/lib/auth/audit";
import { requestCookieSecure, sessionOptions, type SessionData } from "@/lib/auth/session";
import type { AppConfig } from "@/lib/config";
import { readBodyLimited } from "@/lib/request-body";

/** Sign-out takes no body: anything sent is refused at once rather than left streaming. */
const MAX_LOGOUT_BODY_BYTES = 0;

/** Clears the session cookie (withApi has already checked there is a session to clear). */
export async function signOut(request: Request, config: AppConfig, user: string | null): Promise<Response> {
  await readBodyLimited(request, MAX_LOGOUT_BODY_BYTES);
  const response = jsonResponse({ ok: true });
  const { auth } = config;
  if (!auth) return response;
  const secure = requestCookieSecure(auth, request.headers, request.url, config.production);
  const session = await getIronSession<SessionData>(request, response, sessionOptions(auth, secure));
  session.destroy();
  // Sign-out always succeeds: a row the store cannot take now is written later (lib/auth/audit-log.ts).
  await audit({ event: "logout", user, outcome: "ok" });
  return response;
}
