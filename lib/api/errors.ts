/**
 * The dashboard API's one error vocabulary: every code it answers with, the HTTP status of each,
 * and what the browser tells its user for each. A code added to API_ERROR_STATUS without advice in
 * ERROR_ADVICE does not compile. Client-safe: no server imports (the browser shows the advice).
 */

/** Every code the API answers with, and its HTTP status. */
const API_ERROR_STATUS = {
  // The dashboard's own.
  bad_request: 400,
  body_too_large: 413,
  account_required: 400,
  account_not_allowed: 400,
  account_not_found: 404,
  account_not_exchange: 400,
  master_key_required: 400,
  unknown_connection: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  too_many_attempts: 429,
  forbidden_origin: 403,
  forbidden_role: 403,
  forbidden_account: 403,
  sign_in_disabled: 404,
  local_login_off: 403,
  coordination_unavailable: 503,
  history_off: 503,
  alert_rule_invalid: 400,
  alert_rule_not_found: 404,
  store_unavailable: 503,
  session_unavailable: 503,
  session_not_found: 404,
  audit_unavailable: 503,
  audit_off: 503,
  snapshot_in_progress: 409,
  snapshot_not_found: 404,
  no_snapshot: 404,
  cron_off: 404,
  alert_destination_not_found: 404,
  alert_destination_refused: 400,
  alert_destination_builtin: 400,
  alert_destination_disabled: 409,
  alert_demo_receiver_off: 404,
  alert_signature_invalid: 401,
  internal_error: 500,
  // Gemini failed: the fallback code of each failure kind (lib/api/to-api-error.ts UPSTREAM_ERRORS).
  InvalidNonce: 502,
  MissingNonce: 502,
  InvalidSignature: 502,
  MissingRole: 403,
  terms_required: 502,
  insufficient_funds: 502,
  RateLimit: 429,
  order_not_found: 502,
  market_closed: 502,
  upstream_not_found: 502,
  upstream_error: 502,
  upstream_rejected: 502,
  Maintenance: 503,
  upstream_timeout: 504,
  upstream_unreachable: 502,
  upstream_invalid_response: 502,
  InvalidApiKey: 502,
  ApiKeyIpFilteringFailure: 502,
  upstream_account_rejected: 502,
  // Gemini's own `reason`, passed on as the code when Gemini gave one of these.
  AcceptTermsRequired: 502,
  MustAccepTerms: 502,
  MustAcceptTerms: 502,
  InsufficientFunds: 502,
  RateLimited: 429,
  OrderNotFound: 502,
  MarketClosed: 502,
  System: 502,
  MissingAccounts: 502,
  InvalidAccountName: 502,
  MasterKeyRequired: 502,
  MissingApikeyHeader: 502,
  MissingPayloadHeader: 502,
  MissingSignatureHeader: 502,
  InvalidJson: 502,
  EndpointMismatch: 502,
  MethodNotAllowed: 502,
} as const satisfies Record<string, number>;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

export function isApiErrorCode(code: string): code is ApiErrorCode {
  return Object.hasOwn(API_ERROR_STATUS, code);
}

export function apiErrorStatus(code: ApiErrorCode): number {
  return API_ERROR_STATUS[code];
}

/** A failure with a code of the vocabulary and a message meant for the person or script that made the request. */
export class ApiError extends Error {
  readonly status: number;

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = API_ERROR_STATUS[code];
  }
}

/** What the browser reports when it could not reach the dashboard's own server. */
export const NETWORK_ERROR_CODE = "network_error";

/** Every code the browser can meet: the API's, and its own for an unreachable server. */
export type ClientErrorCode = ApiErrorCode | typeof NETWORK_ERROR_CODE;

/** What the dashboard tells its user: what happened, in plain words, and what to do. */
export interface ErrorAdvice {
  title: string;
  action: string;
}

const KEY_REJECTED: ErrorAdvice = {
  title: "Gemini did not accept the dashboard's API key.",
  action: "Check GEMINI_API_KEY and GEMINI_API_SECRET on the server: the key may be revoked, mistyped or paired with the wrong secret.",
};
const RATE_LIMITED: ErrorAdvice = {
  title: "Gemini is limiting how often this API key may ask.",
  action: "Nothing to do: the dashboard backs off and refreshes when Gemini allows. If it lasts, another app may be sharing the key.",
};
const UNREADABLE: ErrorAdvice = {
  title: "Gemini sent an answer the dashboard could not read.",
  action: "Nothing is lost: the figures shown are the last good ones. Try Refresh in a minute; if it lasts, Gemini may be having trouble.",
};
const GEMINI_FAILED: ErrorAdvice = {
  title: "Gemini had a problem answering.",
  action: "This is on Gemini's side and usually passes within minutes. The dashboard keeps trying.",
};
const DASHBOARD_FAULT: ErrorAdvice = {
  title: "The dashboard sent Gemini a request it could not take.",
  action: "This is a fault in the dashboard: please report it.",
};
const TERMS_REQUIRED: ErrorAdvice = {
  title: "Gemini asks the account to accept its terms.",
  action: "Sign in to Gemini with the account's owner and accept the terms, then try Refresh.",
};
const INSUFFICIENT_FUNDS: ErrorAdvice = {
  title: "Gemini reports insufficient funds.",
  action: "The dashboard only reads balances, so this should not happen: please report it.",
};
const ORDER_NOT_FOUND: ErrorAdvice = {
  title: "Gemini could not find that order.",
  action: "The dashboard only reads balances, so this should not happen: please report it.",
};
const MARKET_CLOSED: ErrorAdvice = {
  title: "The market is closed.",
  action: "Try again when Gemini reopens the market.",
};
const ACCOUNT_REJECTED: ErrorAdvice = {
  title: "Gemini does not know this account.",
  action: "Choose another account in the Account list; the account may have been renamed or removed.",
};

/** The advice for every code; a code without advice is a type error. */
export const ERROR_ADVICE: Readonly<Record<ClientErrorCode, ErrorAdvice>> = {
  InvalidSignature: KEY_REJECTED,
  InvalidApiKey: KEY_REJECTED,
  MissingApikeyHeader: KEY_REJECTED,
  MissingPayloadHeader: DASHBOARD_FAULT,
  MissingSignatureHeader: DASHBOARD_FAULT,
  InvalidJson: DASHBOARD_FAULT,
  EndpointMismatch: DASHBOARD_FAULT,
  MethodNotAllowed: DASHBOARD_FAULT,
  InvalidNonce: {
    title: "Gemini rejected the request's sequence number (nonce).",
    action: "Give the dashboard its own API key: another app using the same key upsets the sequence. For a key with time-based nonces set GEMINI_NONCE=seconds.",
  },
  MissingNonce: {
    title: "Gemini says the request had no sequence number (nonce).",
    action: "This is a fault in the dashboard: please report it.",
  },
  MissingRole: {
    title: "The API key is not allowed to read balances.",
    action: "In Gemini's API settings, give the key the Auditor role (read-only), or use a key that has it.",
  },
  MissingAccounts: {
    title: "Gemini wants to know which account to read.",
    action: "Choose an account in the Account list. This key is a master key and reads one account at a time.",
  },
  MasterKeyRequired: {
    title: "Gemini answers this only for a master API key.",
    action: "Use a master key of the group (GEMINI_API_KEY), or the single-account view.",
  },
  InvalidAccountName: ACCOUNT_REJECTED,
  upstream_account_rejected: ACCOUNT_REJECTED,
  ApiKeyIpFilteringFailure: {
    title: "Gemini refused this server's IP address.",
    action: "Add the dashboard server's public IP address to the API key's allowed list in Gemini's settings.",
  },
  RateLimit: RATE_LIMITED,
  RateLimited: RATE_LIMITED,
  Maintenance: {
    title: "Gemini is down for maintenance.",
    action: "Nothing to do: balances update again when Gemini is back.",
  },
  terms_required: TERMS_REQUIRED,
  AcceptTermsRequired: TERMS_REQUIRED,
  MustAccepTerms: TERMS_REQUIRED,
  MustAcceptTerms: TERMS_REQUIRED,
  insufficient_funds: INSUFFICIENT_FUNDS,
  InsufficientFunds: INSUFFICIENT_FUNDS,
  order_not_found: ORDER_NOT_FOUND,
  OrderNotFound: ORDER_NOT_FOUND,
  market_closed: MARKET_CLOSED,
  MarketClosed: MARKET_CLOSED,
  System: GEMINI_FAILED,
  upstream_error: GEMINI_FAILED,
  upstream_timeout: {
    title: "Gemini did not answer in time.",
    action: "Gemini may be slow or busy. The dashboard tries again at the next refresh.",
  },
  upstream_unreachable: {
    title: "The dashboard server could not reach Gemini.",
    action: "Check the server's network connection and GEMINI_API_URL.",
  },
  upstream_invalid_response: UNREADABLE,
  upstream_not_found: {
    title: "Gemini answered \"not found\" for the balances.",
    action: "Check GEMINI_API_URL points at Gemini's API (https://api.gemini.com or the sandbox).",
  },
  upstream_rejected: {
    title: "Gemini refused the request.",
    action: "Check the API key's settings in Gemini; the message below has Gemini's own words.",
  },
  account_required: {
    title: "This master key needs an account to read.",
    action: "Choose an account in the Account list.",
  },
  account_not_allowed: {
    title: "This API key belongs to a single account.",
    action: "Remove ?account= from the address: this key reads its own account only.",
  },
  account_not_found: {
    title: "There is no account by that name in this key's group.",
    action: "Choose an account in the Account list.",
  },
  account_not_exchange: {
    title: "This is a custody account: Gemini reports no exchange balances for it.",
    action: "Choose an exchange account in the Account list.",
  },
  master_key_required: {
    title: "The all-accounts overview needs a master API key.",
    action: "This key belongs to one account: open the dashboard's single-account view instead.",
  },
  unknown_connection: {
    title: "The dashboard has no connection by that name.",
    action: "Choose a connection in the Connection list; the address may name one that was removed.",
  },
  bad_request: {
    title: "The dashboard asked for something it cannot show.",
    action: "Open the dashboard without the extra parts of the address, then choose again.",
  },
  body_too_large: {
    title: "The request sent to the dashboard server was too large.",
    action: "Reload the page and try again; if it lasts, please report it.",
  },
  unauthenticated: {
    title: "Your session has ended.",
    action: "Reload the page and sign in again.",
  },
  invalid_credentials: {
    title: "Wrong username or password.",
    action: "Check both and sign in again.",
  },
  too_many_attempts: {
    title: "Too many failed sign-ins.",
    action: "Wait a few minutes, then sign in again.",
  },
  forbidden_role: {
    title: "Your role does not allow this.",
    action: "Ask an administrator for a role that does (viewer, auditor or admin; see the README's Roles section).",
  },
  forbidden_account: {
    title: "This account is outside the accounts you may see.",
    action: "Choose one of your accounts, or ask an administrator to add this one to your access.",
  },
  forbidden_origin: {
    title: "The request came from another site and was refused.",
    action: "Open the dashboard at its own address and try again.",
  },
  sign_in_disabled: {
    title: "Sign-in is off on this dashboard.",
    action: "Nothing to do: this demo dashboard is open to everyone.",
  },
  local_login_off: {
    title: "Sign-in with a username and password is off on this dashboard.",
    action: "Use the single sign-on button on the sign-in page.",
  },
  coordination_unavailable: {
    title: "The dashboard's shared store (Redis) is not answering.",
    action: "Nothing was sent to Gemini. Try Refresh shortly; if it lasts, check REDIS_URL and the Redis server.",
  },
  alert_rule_invalid: {
    title: "That alert rule is not valid.",
    action: "Correct the field the message names (thresholds are plain decimals such as 250000.00) and save again.",
  },
  alert_rule_not_found: {
    title: "There is no alert rule with that id.",
    action: "It may have been deleted: reload /alerts to see the rules as they are.",
  },
  history_off: {
    title: "Balance history is off on this dashboard.",
    action: "Live balances work as usual. To keep history with several instances or on Vercel, set DATABASE_URL to a PostgreSQL server.",
  },
  store_unavailable: {
    title: "The dashboard's history store is not answering.",
    action: "Try again shortly; if it lasts, check DATABASE_URL (or DATA_DIR) and the server's log.",
  },
  session_unavailable: {
    title: "The session store is not answering, so no one can be signed in right now.",
    action: "Try again shortly; if it lasts, check the store (DATABASE_URL or DATA_DIR) and the server's log.",
  },
  session_not_found: {
    title: "That session has already ended.",
    action: "Reload the list of sessions.",
  },
  audit_unavailable: {
    title: "The audit trail could not record this request, so it was refused.",
    action: "Nothing was shown without its audit record. Try again shortly; if it lasts, check the store (DATABASE_URL or DATA_DIR) and the server's log.",
  },
  audit_off: {
    title: "This dashboard keeps no audit trail in a store.",
    action: "Its audit lines go to the server's log only. To keep and verify them here, set DATABASE_URL to a PostgreSQL server.",
  },
  snapshot_in_progress: {
    title: "A snapshot is being taken right now.",
    action: "Wait a moment: it appears in the history when it is done.",
  },
  snapshot_not_found: {
    title: "There is no snapshot with that id.",
    action: "Choose a snapshot from the history list.",
  },
  no_snapshot: {
    title: "No snapshot was taken at or before that time.",
    action: "Choose a later date, or take a snapshot now.",
  },
  cron_off: {
    title: "Snapshots by cron are off on this dashboard.",
    action: "Set CRON_SECRET (16 or more random characters) on the server to turn GET /api/cron/snapshot on.",
  },
  alert_destination_not_found: {
    title: "There is no such alert destination.",
    action: "Reload /alerts: it may have been deleted by another admin.",
  },
  alert_destination_refused: {
    title: "The destination's URL was refused.",
    action: "Use an https:// URL on a public address. For a receiver on your own network, the server needs ALERTS_ALLOW_PRIVATE=true.",
  },
  alert_destination_builtin: {
    title: "The built-in demo receiver's address and secret cannot change.",
    action: "Rename it or turn it off; add your own destination for anything else.",
  },
  alert_destination_disabled: {
    title: "This destination is paused.",
    action: "Turn it on, then send the test event again.",
  },
  alert_demo_receiver_off: {
    title: "The built-in demo receiver exists only in demo mode.",
    action: "Add a webhook or Slack destination on /alerts instead.",
  },
  alert_signature_invalid: {
    title: "The webhook's signature did not verify.",
    action: "Check the signing secret and that the timestamp is fresh.",
  },
  internal_error: {
    title: "Something went wrong on the dashboard server.",
    action: "Try Refresh. If it lasts, the server's log says more.",
  },
  [NETWORK_ERROR_CODE]: {
    title: "The dashboard server could not be reached.",
    action: "Check your connection. The dashboard tries again when you are back online.",
  },
};

/** In demo mode "unreachable" means the standalone demo exchange is not running. */
const DEMO_EXCHANGE_DOWN: ErrorAdvice = {
  title: "The demo exchange is not answering.",
  action: "Start it with `npm run demo-exchange`, or unset DEMO_EXCHANGE_URL to use the built-in one.",
};

/** For a code from the wire the vocabulary does not hold (another server version, an `http_NNN`). */
const UNKNOWN: ErrorAdvice = {
  title: "The balances could not be loaded.",
  action: "Try Refresh. If it lasts, the message below says more.",
};

/** The advice for a code as it came over the wire. */
export function errorAdvice(code: string, mode: "live" | "demo"): ErrorAdvice {
  if (mode === "demo" && code === "upstream_unreachable") return DEMO_EXCHANGE_DOWN;
  if (code === NETWORK_ERROR_CODE || isApiErrorCode(code)) return ERROR_ADVICE[code];
  return UNKNOWN;
}
