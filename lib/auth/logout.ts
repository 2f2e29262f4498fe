import "server-only";
import { jsonResponse } from "@/lib/api/response";
import { audit } from "@/lib/auth/audit";
import { endSession } from "@/lib/auth/begin-session";
import type { AppConfig } from "@/lib/config";
import { readBodyLimited } from "@/lib/request-body";

/** Sign-out takes no body: anything sent is refused at once rather than left streaming. */
const MAX_LOGOUT_BODY_BYTES = 0;

/** Ends the session and clears its cookie (withApi has already checked there is a session to clear). */
export async function signOut(request: Request, config: AppConfig, user: string | null): Promise<Response> {
  await readBodyLimited(request, MAX_LOGOUT_BODY_BYTES);
  const response = jsonResponse({ ok: true });
  if (!config.auth) return response;
  // Ended in the store first: every instance refuses the cookie from now on, even a copy kept elsewhere.
  await endSession(request, response, config);
  // Sign-out always succeeds: a row the store cannot take now is written later (lib/auth/audit-log.ts).
  await audit({ event: "logout", user, outcome: "ok" });
  return response;
}
