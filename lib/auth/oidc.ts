import "server-only";
import { timingSafeEqual } from "node:crypto";
import { sealData, unsealData } from "iron-session";
import * as client from "openid-client";
import { audit, auditOrRefuse } from "@/lib/auth/audit";
import { beginSession } from "@/lib/auth/begin-session";
import { clientAddress } from "@/lib/auth/client-address";
import { mapClaims, userNameOf } from "@/lib/auth/oidc-claims";
import { requestCookieSecure, requestOrigin } from "@/lib/auth/session";
import type { AppConfig, AuthConfig } from "@/lib/config";
import type { OidcConfig } from "@/lib/config/oidc";
import { safeNextPath } from "@/lib/next-path";

/** Where the provider sends the browser back; register `<origin>/api/auth/oidc/callback` at the provider. */
export const OIDC_CALLBACK_PATH = "/api/auth/oidc/callback";
/** Where the provider sends the browser after its own sign-out. */
const POST_LOGOUT_PATH = "/login";
/** Long enough to type a password and pass MFA at the provider; the transaction is single use. */
export const OIDC_TRANSACTION_TTL_SECONDS = 10 * 60;
const TRANSACTION_COOKIE = "treasury_oidc";
/** iron-session refuses a cookie over 4 KB: a larger ID token (many groups) is not kept, and sign-out then skips id_token_hint. */
const MAX_KEPT_ID_TOKEN_LENGTH = 2_000;
/** Discovery, JWKS and token requests to the provider. */
const PROVIDER_TIMEOUT_SECONDS = 10;

/** Why an OIDC sign-in was refused: the audit row's outcome, and the code /login shows a message for. */
export type OidcFailure =
  | "no_transaction"
  | "state_mismatch"
  | "provider_error"
  | "provider_unavailable"
  | "code_rejected"
  | "nonce_mismatch"
  | "wrong_audience"
  | "issuer_mismatch"
  | "id_token_expired"
  | "id_token_invalid"
  | "no_role"
  | "audit_unavailable";

/** What the browser carries between the redirect to the provider and its way back (sealed, short-lived, cleared at the callback). */
interface Transaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  next: string;
}

// One discovery per process and provider, on globalThis because Next may load this module in more than one bundle.
const holder = globalThis as typeof globalThis & { __oidcDiscovery?: { key: string; configuration: Promise<client.Configuration> } };

/** The provider's metadata and keys, discovered once; a failed discovery is tried again at the next sign-in. */
function discover(oidc: OidcConfig): Promise<client.Configuration> {
  const key = `${oidc.issuer}\n${oidc.clientId}`;
  if (holder.__oidcDiscovery?.key === key) return holder.__oidcDiscovery.configuration;
  const insecure = new URL(oidc.issuer).protocol === "http:"; // loopback only (lib/config/oidc.ts)
  const configuration = client.discovery(
    new URL(oidc.issuer),
    oidc.clientId,
    oidc.clientSecret ?? undefined,
    oidc.clientSecret ? client.ClientSecretBasic(oidc.clientSecret) : client.None(),
    { execute: insecure ? [client.allowInsecureRequests] : [], timeout: PROVIDER_TIMEOUT_SECONDS },
  );
  holder.__oidcDiscovery = { key, configuration };
  configuration.catch(() => {
    if (holder.__oidcDiscovery?.configuration === configuration) holder.__oidcDiscovery = undefined;
  });
  return configuration;
}

/** PUBLIC_URL, else the origin the browser used (Host and X-Forwarded-Proto as Next reports them). */
function publicOrigin(auth: AuthConfig, request: Request): string {
  if (auth.publicUrl) return auth.publicUrl;
  const { protocol } = requestOrigin(request.headers, request.url);
  return `${protocol}://${request.headers.get("host") ?? new URL(request.url).host}`;
}

function transactionCookieName(secure: boolean): string {
  return secure ? `__Host-${TRANSACTION_COOKIE}` : TRANSACTION_COOKIE;
}

function transactionCookie(secure: boolean, value: string, maxAge: number): string {
  return `${transactionCookieName(secure)}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? "; Secure" : ""}`;
}

function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get("cookie") ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return null;
}

function sessionPassword(auth: AuthConfig): Record<string, string> {
  return typeof auth.sessionPassword === "string" ? { "1": auth.sessionPassword } : { ...auth.sessionPassword };
}

function seeOther(location: string, cookies: readonly string[] = []): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store" });
  for (const cookie of cookies) headers.append("Set-Cookie", cookie);
  return new Response(null, { status: 303, headers });
}

const loginPage = (failure: OidcFailure) => `/login?sso_error=${failure}`;

/** GET /api/auth/oidc/start: a fresh state, nonce and PKCE verifier, sealed in a short-lived cookie, and off to the provider. */
export async function startOidcSignIn(request: Request, config: AppConfig): Promise<Response> {
  const auth = config.auth;
  const oidc = auth?.oidc;
  if (!auth || !oidc) return seeOther("/login");
  const url = new URL(request.url);
  const next = safeNextPath(url.searchParams.get("next"));
  const address = clientAddress(request.headers, config.trustedProxies);
  let configuration: client.Configuration;
  try {
    configuration = await discover(oidc);
  } catch (error) {
    await audit({ event: "login_failed", user: null, outcome: "provider_unavailable", address, details: { source: "oidc", error: errorText(error) } });
    return seeOther(loginPage("provider_unavailable"));
  }
  const codeVerifier = client.randomPKCECodeVerifier();
  const transaction: Transaction = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier,
    redirectUri: `${publicOrigin(auth, request)}${OIDC_CALLBACK_PATH}`,
    next,
  };
  const authorizationUrl = client.buildAuthorizationUrl(configuration, {
    redirect_uri: transaction.redirectUri,
    scope: oidc.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state: transaction.state,
    nonce: transaction.nonce,
  });
  const sealed = await sealData(transaction, { password: sessionPassword(auth), ttl: OIDC_TRANSACTION_TTL_SECONDS });
  const secure = requestCookieSecure(auth, request.headers, request.url, config.production);
  return seeOther(authorizationUrl.href, [transactionCookie(secure, sealed, OIDC_TRANSACTION_TTL_SECONDS)]);
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function innerError(error: Error): Error {
  return error.cause instanceof Error ? error.cause : error;
}

/** For the audit row: the library's own words, which say which check failed. */
function errorText(error: unknown): string {
  return (error instanceof Error ? innerError(error).message : String(error)).slice(0, 200);
}

/** openid-client's refusal, in the audit trail's words. */
export function failureOf(error: unknown): OidcFailure {
  if (error instanceof client.ResponseBodyError) return "code_rejected";
  if (error instanceof client.AuthorizationResponseError) return "provider_error";
  if (!(error instanceof Error)) return "id_token_invalid";
  const { code } = error as Error & { code?: string };
  // openid-client wraps oauth4webapi's error, whose cause names the claim that failed.
  const claim = (innerError(error).cause as { claim?: unknown } | undefined)?.claim;
  if (code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED") {
    if (claim === "aud" || claim === "azp") return "wrong_audience";
    if (claim === "iss") return "issuer_mismatch";
    if (claim === "nonce") return "nonce_mismatch";
  }
  if (code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED") return "id_token_expired";
  if (error.name === "TypeError" || code === "OAUTH_TIMEOUT" || code === "OAUTH_ABORT") return "provider_unavailable";
  return "id_token_invalid";
}

/**
 * GET /api/auth/oidc/callback: the transaction cookie is cleared whatever happens (single use);
 * state, then the code exchange with PKCE, then the ID token (signature, issuer, audience, expiry,
 * nonce) are checked by openid-client; the claims must map to a role. Every refusal is audited
 * and creates no session.
 */
export async function finishOidcSignIn(request: Request, config: AppConfig): Promise<Response> {
  const auth = config.auth;
  const oidc = auth?.oidc;
  if (!auth || !oidc) return seeOther("/login");
  const address = clientAddress(request.headers, config.trustedProxies);
  const secure = requestCookieSecure(auth, request.headers, request.url, config.production);
  const clearTransaction = transactionCookie(secure, "", 0);
  const refuse = async (failure: OidcFailure, user: string | null, details: Record<string, string> = {}) => {
    await audit({ event: failure === "no_role" ? "oidc_refused" : "login_failed", user, outcome: failure, address, details: { source: "oidc", ...details } });
    return seeOther(loginPage(failure), [clearTransaction]);
  };

  const sealed = readCookie(request, transactionCookieName(secure));
  const none: Partial<Transaction> = {};
  const transaction = sealed
    ? await unsealData<Partial<Transaction>>(sealed, { password: sessionPassword(auth), ttl: OIDC_TRANSACTION_TTL_SECONDS }).catch(() => none)
    : none;
  if (!transaction.state || !transaction.nonce || !transaction.codeVerifier || !transaction.redirectUri || !transaction.next) {
    return refuse("no_transaction", null);
  }
  const params = new URL(request.url).searchParams;
  const providerError = params.get("error");
  if (providerError) return refuse("provider_error", null, { error: providerError.slice(0, 100) });
  if (!sameText(params.get("state") ?? "", transaction.state)) return refuse("state_mismatch", null);

  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
  try {
    const configuration = await discover(oidc);
    // The URL the provider redirected to, as registered: behind a proxy request.url may differ.
    const currentUrl = new URL(`${transaction.redirectUri}?${params.toString()}`);
    tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    return refuse(failureOf(error), null, { error: errorText(error) });
  }
  const claims = tokens.claims();
  if (!claims) return refuse("id_token_invalid", null);
  const user = userNameOf(claims);
  const mapped = mapClaims(oidc, claims);
  if (!mapped) return refuse("no_role", user, { claim: oidc.roleClaim });

  const idToken = tokens.id_token && tokens.id_token.length <= MAX_KEPT_ID_TOKEN_LENGTH ? tokens.id_token : null;
  const response = seeOther(transaction.next, [clearTransaction]);
  await beginSession(request, response, config, { user, source: "oidc", role: mapped.role, accounts: mapped.accounts, idToken });
  try {
    // No row, no session: the answer with the cookie leaves only once the sign-in is recorded.
    await auditOrRefuse({ event: "login", user, outcome: "ok", address, details: { source: "oidc", role: mapped.role } });
  } catch {
    return seeOther(loginPage("audit_unavailable"), [clearTransaction]);
  }
  return response;
}

/** The provider's sign-out page for this session, when it has one (end_session_endpoint); null otherwise. */
export async function providerSignOutUrl(request: Request, auth: AuthConfig, idToken: string): Promise<string | null> {
  if (!auth.oidc) return null;
  try {
    const configuration = await discover(auth.oidc);
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    return client.buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      post_logout_redirect_uri: `${publicOrigin(auth, request)}${POST_LOGOUT_PATH}`,
    }).href;
  } catch {
    return null;
  }
}

/** What /login?sso_error=<code> tells the user; null for a code this dashboard never sends. */
export function oidcFailureMessage(code: string, displayName: string): string | null {
  switch (code as OidcFailure) {
    case "no_role":
      return `You signed in with ${displayName}, but your account is in no group that has a role on this dashboard, so you were not let in. Ask an administrator to add you to one of the groups in OIDC_ROLE_MAP.`;
    case "provider_unavailable":
      return `${displayName} could not be reached, so single sign-on is unavailable right now. Try again later.`;
    case "audit_unavailable":
      return "The audit trail could not record your sign-in, so it was refused. Try again shortly.";
    case "no_transaction":
      return `Your sign-in with ${displayName} took too long or was started in another browser. Start again.`;
    case "provider_error":
      return `${displayName} did not sign you in. Start again, or ask an administrator if it lasts.`;
    case "state_mismatch":
    case "code_rejected":
    case "nonce_mismatch":
    case "wrong_audience":
    case "issuer_mismatch":
    case "id_token_expired":
    case "id_token_invalid":
      return `The answer from ${displayName} failed the dashboard's checks, so you were not signed in. Start again; if it lasts, ask an administrator to look at the audit trail.`;
    default:
      return null;
  }
}
