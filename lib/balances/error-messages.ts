/**
 * The one table from an API error code to what the dashboard tells its user: what happened, in
 * plain words, and what to do. Codes are the dashboard's own (lib/errors.ts), Gemini's `reason`,
 * or the fallbacks of lib/gemini/errors.ts UPSTREAM_ERRORS. Client-safe: no server imports.
 */
export interface ErrorAdvice {
  title: string;
  action: string;
}

/** What the browser reports when it could not reach the dashboard's own server. */
export const NETWORK_ERROR_CODE = "network_error";

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

export const ERROR_ADVICE: Readonly<Record<string, ErrorAdvice>> = {
  InvalidSignature: KEY_REJECTED,
  InvalidApiKey: KEY_REJECTED,
  MissingApikeyHeader: KEY_REJECTED,
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
  InvalidAccountName: {
    title: "Gemini does not know this account.",
    action: "Choose another account in the Account list; the account may have been renamed or removed.",
  },
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
  bad_request: {
    title: "The dashboard asked for something it cannot show.",
    action: "Open the dashboard without the extra parts of the address, then choose again.",
  },
  unauthenticated: {
    title: "Your session has ended.",
    action: "Reload the page and sign in again.",
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

const UNKNOWN: ErrorAdvice = {
  title: "The balances could not be loaded.",
  action: "Try Refresh. If it lasts, the message below says more.",
};

export function errorAdvice(code: string, mode: "live" | "demo"): ErrorAdvice {
  if (mode === "demo" && code === "upstream_unreachable") return DEMO_EXCHANGE_DOWN;
  return ERROR_ADVICE[code] ?? UNKNOWN;
}
