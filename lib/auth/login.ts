import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { jsonResponse } from "@/lib/api/response";
import { audit, auditOrRefuse } from "@/lib/auth/audit";
import { clientAddress } from "@/lib/auth/client-address";
import { MAX_CREDENTIAL_LENGTH, verifyCredentials } from "@/lib/auth/credentials";
import { beginSession } from "@/lib/auth/begin-session";
import type { AppConfig } from "@/lib/config";
import { readBodyLimited } from "@/lib/request-body";
import { getLoginThrottle } from "@/lib/server/runtime";

const loginBody = z.strictObject({
  username: z.string().min(1).max(MAX_CREDENTIAL_LENGTH),
  password: z.string().min(1).max(MAX_CREDENTIAL_LENGTH),
});

/** Two credentials of MAX_CREDENTIAL_LENGTH and JSON around them. */
const MAX_LOGIN_BODY_BYTES = 3 * MAX_CREDENTIAL_LENGTH;
const INVALID = "Wrong username or password.";

async function readLoginBody(request: Request): Promise<z.infer<typeof loginBody>> {
  // Too large throws BodyTooLargeError, which withApi answers with 413.
  const text = new TextDecoder().decode(await readBodyLimited(request, MAX_LOGIN_BODY_BYTES));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const parsed = loginBody.safeParse(body);
  if (!parsed.success) {
    throw new ApiError("bad_request", 'Send JSON {"username": "...", "password": "..."}.');
  }
  return parsed.data;
}

/** Counts the attempt against throttling, then checks the password (same cost for unknown names), then starts a session in the store and sets its cookie. */
export async function signIn(request: Request, config: AppConfig): Promise<Response> {
  const { auth } = config;
  if (!auth) throw new ApiError("sign_in_disabled", "Sign-in is off: this demo dashboard is open to everyone.");
  // LOCAL_LOGIN=off, or single sign-on only: no password is checked here at all.
  if (!auth.localLogin || auth.users.size === 0) throw new ApiError("local_login_off", "Sign-in with a username and password is off: use single sign-on.");
  const { username, password } = await readLoginBody(request);
  const address = clientAddress(request.headers, config.trustedProxies);
  const who = { username, address };
  const throttle = getLoginThrottle();
  // A name typed into the wrong field may be a password: only configured names reach the log.
  const loggedName = auth.users.has(username) ? username : null;

  const verdict = await throttle.attempt(who);
  if (verdict.blocked) {
    await audit({ event: "login_throttled", user: loggedName, outcome: "too_many_attempts", address });
    throw new ApiError("too_many_attempts", "Too many failed sign-ins. Try again later.", {
      "Retry-After": String(verdict.retryAfterSeconds),
    });
  }
  const user = await verifyCredentials(auth.users, username, password);
  if (!user) {
    await audit({ event: "login_failed", user: loggedName, outcome: "invalid_credentials", address });
    throw new ApiError("invalid_credentials", INVALID);
  }
  await throttle.succeeded(who);

  const response = jsonResponse({ user });
  await beginSession(request, response, config, { user, source: "local" });
  // No row, no session: a refused sign-in returns the error, never this response and its cookie.
  await auditOrRefuse({ event: "login", user, outcome: "ok", address });
  return response;
}
