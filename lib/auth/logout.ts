import "server-only";
import { jsonResponse } from "@/lib/api/response";
import { audit } from "@/lib/auth/audit";
import { endSession } from "@/lib/auth/begin-session";
import { providerSignOutUrl } from "@/lib/auth/oidc";
import type { AppConfig } from "@/lib/config";
import { readBodyLimited } from "@/lib/request-body";

/** Sign-out takes no body: anything sent is refused at once rather than left streaming. */
const MAX_LOGOUT_BODY_BYTES = 0;

/**
 * Ends the session (withApi has already checked there is one). An OIDC session's answer also
 * holds `redirect`, the provider's sign-out page, where the browser goes next.
 */
export async function signOut(request: Request, config: AppConfig, user: string | null): Promise<Response> {
  await readBodyLimited(request, MAX_LOGOUT_BODY_BYTES);
  const { auth } = config;
  if (!auth) return jsonResponse({ ok: true });
  const headers = new Response();
  // Ended in the store first: every instance refuses the cookie from now on, even a copy kept elsewhere.
  const ended = await endSession(request, headers, config);
  const redirect = ended?.idToken ? await providerSignOutUrl(request, auth, ended.idToken) : null;
  const response = jsonResponse(redirect ? { ok: true, redirect } : { ok: true });
  for (const cookie of headers.headers.getSetCookie()) response.headers.append("Set-Cookie", cookie);
  // Sign-out always succeeds: a row the store cannot take now is written later (lib/auth/audit-log.ts).
  await audit({ event: "logout", user, outcome: "ok", ...(redirect ? { details: { source: "oidc", provider_sign_out: "yes" } } : {}) });
  return response;
}
