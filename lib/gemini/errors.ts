import "server-only";
import { parseLossless } from "@/lib/gemini/lossless";

/**
 * What went wrong talking to Gemini; what the API answers for each is lib/api/to-api-error.ts.
 * The first twelve are the canonical kinds of Gemini's wire-contract fixtures; then the key and
 * account rejections a read can meet, and the transport failures only a client sees. (Redis
 * failing is lib/coordination's CoordinationError, not Gemini's.)
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
    super(details.upstreamMessage ?? `Gemini request failed: ${kind}`);
    this.name = "GeminiError";
    this.kind = kind;
    this.reason = details.reason;
    this.status = details.status ?? 0;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.upstreamMessage = details.upstreamMessage;
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
