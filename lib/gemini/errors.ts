import "server-only";
import { parseLossless } from "@/lib/gemini/lossless";

/**
 * What went wrong talking to Gemini. The first twelve are the canonical kinds of Gemini's
 * wire-contract fixtures; then the key and account rejections a read can meet, and the transport
 * failures only a client sees. (Redis failing is lib/coordination's CoordinationError, not Gemini's.)
 */
export type GeminiErrorKind =
  | "invalid_nonce"
  | "missing_nonce"
  | "invalid_signature"
  | "missing_role"
  | "terms_required"
  | "insufficient_funds"
  | "rate_limited"
  | "order_not_found"
  | "market_closed"
  | "not_found"
  | "service_error"
  | "invalid_request"
  | "maintenance"
  | "timeout"
  | "unreachable"
  | "invalid_response"
  | "invalid_api_key"
  | "ip_not_allowed"
  | "account_rejected";

const REASON_KINDS: Record<string, GeminiErrorKind> = {
  InvalidNonce: "invalid_nonce",
  MissingNonce: "missing_nonce",
  InvalidSignature: "invalid_signature",
  MissingRole: "missing_role",
  AcceptTermsRequired: "terms_required",
  MustAccepTerms: "terms_required",
  MustAcceptTerms: "terms_required",
  InsufficientFunds: "insufficient_funds",
  RateLimit: "rate_limited",
  RateLimited: "rate_limited",
  "Too Many Requests": "rate_limited",
  OrderNotFound: "order_not_found",
  MarketClosed: "market_closed",
  Maintenance: "maintenance",
  System: "service_error",
  InvalidApiKey: "invalid_api_key",
  ApiKeyIpFilteringFailure: "ip_not_allowed",
  MissingAccounts: "account_rejected",
  InvalidAccountName: "account_rejected",
};

/**
 * The one table from an upstream failure to the dashboard's API: HTTP status, the code used when
 * Gemini gave no reason, and the plain-words message. Gemini's own reason, when present, is the code.
 */
export const UPSTREAM_ERRORS: Record<GeminiErrorKind, { status: number; code: string; message: string }> = {
  invalid_nonce: { status: 502, code: "InvalidNonce", message: "Gemini rejected the request nonce." },
  missing_nonce: { status: 502, code: "MissingNonce", message: "Gemini says the request had no nonce." },
  invalid_signature: {
    status: 502,
    code: "InvalidSignature",
    message: "Gemini rejected the API key or signature. Check GEMINI_API_KEY and GEMINI_API_SECRET.",
  },
  missing_role: {
    status: 403,
    code: "MissingRole",
    message: "The API key lacks the role needed to read balances. Give it the Auditor role.",
  },
  terms_required: { status: 502, code: "terms_required", message: "Gemini asks the account to accept its terms." },
  insufficient_funds: { status: 502, code: "insufficient_funds", message: "Gemini reports insufficient funds." },
  rate_limited: {
    status: 429,
    code: "RateLimit",
    message: "Gemini is rate-limiting this API key. Balances will refresh when it allows.",
  },
  order_not_found: { status: 502, code: "order_not_found", message: "Gemini could not find that order." },
  market_closed: { status: 502, code: "market_closed", message: "The market is closed." },
  not_found: { status: 502, code: "upstream_not_found", message: "Gemini answered 'not found' for this endpoint." },
  service_error: { status: 502, code: "upstream_error", message: "Gemini had an internal error. Try again shortly." },
  invalid_request: { status: 502, code: "upstream_rejected", message: "Gemini rejected the request." },
  maintenance: { status: 503, code: "Maintenance", message: "Gemini is down for maintenance. Try again later." },
  timeout: { status: 504, code: "upstream_timeout", message: "Gemini did not answer in time." },
  unreachable: {
    status: 502,
    code: "upstream_unreachable",
    message: "The exchange could not be reached. Check the network and GEMINI_API_URL.",
  },
  invalid_response: {
    status: 502,
    code: "upstream_invalid_response",
    message: "Gemini sent a response the dashboard cannot read.",
  },
  invalid_api_key: {
    status: 502,
    code: "InvalidApiKey",
    message: "Gemini does not recognise the API key. Check GEMINI_API_KEY.",
  },
  ip_not_allowed: {
    status: 502,
    code: "ApiKeyIpFilteringFailure",
    message: "The API key's IP allow-list does not include this server's address.",
  },
  account_rejected: {
    status: 502,
    code: "upstream_account_rejected",
    message: "Gemini rejected the account of this request.",
  },
};

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_UPSTREAM_MESSAGE = 300;

/**
 * instanceof by brand: the process-wide Gemini client lives on globalThis (built once by the
 * composition root) and may have been built by another bundle (the page's or a route's) with its
 * own copy of this class; a plain instanceof then fails and an upstream failure looks like an internal one.
 */
const GEMINI_ERROR_BRAND = Symbol.for("gemini-treasury.GeminiError");

export class GeminiError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && GEMINI_ERROR_BRAND in value;
  }

  readonly [GEMINI_ERROR_BRAND] = true;
  readonly kind: GeminiErrorKind;
  /** Gemini's `reason`, when its body carried one. */
  readonly reason: string | undefined;
  /** The upstream HTTP status, or 0 when no response arrived. */
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;
  readonly upstreamMessage: string | undefined;

  constructor(
    kind: GeminiErrorKind,
    details: { reason?: string; status?: number; retryAfterSeconds?: number; upstreamMessage?: string } = {},
  ) {
    super(details.upstreamMessage ?? UPSTREAM_ERRORS[kind].message);
    this.name = "GeminiError";
    this.kind = kind;
    this.reason = details.reason;
    this.status = details.status ?? 0;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.upstreamMessage = details.upstreamMessage;
  }

  /** The dashboard API's view of this failure: status, code and a plain message. */
  toApiError(): { status: number; code: string; message: string } {
    const entry = UPSTREAM_ERRORS[this.kind];
    const code = this.reason && IDENTIFIER.test(this.reason) ? this.reason : entry.code;
    const detail = this.upstreamMessage ? ` Gemini said: ${this.upstreamMessage}` : "";
    return { status: entry.status, code, message: `${entry.message}${detail}` };
  }
}

function kindForStatus(status: number): GeminiErrorKind {
  if (status === 429) return "rate_limited";
  if (status === 404) return "not_found";
  if (status === 503) return "maintenance";
  if (status >= 500) return "service_error";
  return "invalid_request";
}

/** Retry-After as seconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

function readErrorBody(body: string): { reason?: string; message?: string } {
  let parsed: unknown;
  try {
    parsed = parseLossless(body);
  } catch {
    return {}; // HTML or plain text: nothing of it is echoed
  }
  if (typeof parsed !== "object" || parsed === null) return {};
  const record = parsed as Record<string, unknown>;
  const reason =
    typeof record.reason === "string" ? record.reason : typeof record.error === "string" ? record.error : undefined;
  const message = typeof record.message === "string" ? record.message.slice(0, MAX_UPSTREAM_MESSAGE) : undefined;
  return { reason, message };
}

/** Maps a non-2xx Gemini response (any of the shapes it is known to send) to a typed error. */
export function errorFromResponse(status: number, headers: Headers, body: string): GeminiError {
  const { reason, message } = readErrorBody(body);
  const kind = (reason && REASON_KINDS[reason]) || kindForStatus(status);
  return new GeminiError(kind, {
    reason,
    status,
    retryAfterSeconds: parseRetryAfter(headers.get("retry-after")),
    upstreamMessage: message,
  });
}
