import "server-only";
import { ApiError, apiErrorStatus, isApiErrorCode, type ApiErrorCode } from "@/lib/api/errors";
import { CoordinationError } from "@/lib/coordination/errors";
import { GeminiError, type GeminiErrorKind } from "@/lib/gemini/errors";
import { BodyTooLargeError } from "@/lib/request-body";

/**
 * The one table from what Gemini said to the dashboard's API: the code used when Gemini's reason is
 * not one the vocabulary passes on, and the plain-words message. The status is the code's.
 */
export const UPSTREAM_ERRORS: Record<GeminiErrorKind, { code: ApiErrorCode; message: string }> = {
  invalid_nonce: { code: "InvalidNonce", message: "Gemini rejected the request nonce." },
  missing_nonce: { code: "MissingNonce", message: "Gemini says the request had no nonce." },
  invalid_signature: {
    code: "InvalidSignature",
    message: "Gemini rejected the API key or signature. Check GEMINI_API_KEY and GEMINI_API_SECRET.",
  },
  missing_role: {
    code: "MissingRole",
    message: "The API key lacks the role needed to read balances. Give it the Auditor role.",
  },
  terms_required: { code: "terms_required", message: "Gemini asks the account to accept its terms." },
  insufficient_funds: { code: "insufficient_funds", message: "Gemini reports insufficient funds." },
  rate_limited: { code: "RateLimit", message: "Gemini is rate-limiting this API key. Balances will refresh when it allows." },
  order_not_found: { code: "order_not_found", message: "Gemini could not find that order." },
  market_closed: { code: "market_closed", message: "The market is closed." },
  not_found: { code: "upstream_not_found", message: "Gemini answered 'not found' for this endpoint." },
  service_error: { code: "upstream_error", message: "Gemini had an internal error. Try again shortly." },
  invalid_request: { code: "upstream_rejected", message: "Gemini rejected the request." },
  maintenance: { code: "Maintenance", message: "Gemini is down for maintenance. Try again later." },
  timeout: { code: "upstream_timeout", message: "Gemini did not answer in time." },
  unreachable: {
    code: "upstream_unreachable",
    message: "The exchange could not be reached. Check the network and GEMINI_API_URL.",
  },
  invalid_response: { code: "upstream_invalid_response", message: "Gemini sent a response the dashboard cannot read." },
  invalid_api_key: { code: "InvalidApiKey", message: "Gemini does not recognise the API key. Check GEMINI_API_KEY." },
  ip_not_allowed: {
    code: "ApiKeyIpFilteringFailure",
    message: "The API key's IP allow-list does not include this server's address.",
  },
  account_rejected: { code: "upstream_account_rejected", message: "Gemini rejected the account of this request." },
};

/** A reason worth repeating: Gemini's reasons are identifiers; anything else (HTML, prose) is not echoed. */
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * A Gemini failure as the API reports it. Gemini's reason is the code when the vocabulary knows it
 * with the kind's status; any other reason stays in the message, so nothing Gemini said is lost.
 */
export function upstreamApiError(error: GeminiError): ApiError {
  const entry = UPSTREAM_ERRORS[error.kind];
  const { reason } = error;
  const passedOn = reason !== undefined && isApiErrorCode(reason) && apiErrorStatus(reason) === apiErrorStatus(entry.code);
  const code = passedOn ? reason : entry.code;
  const unknownReason = reason !== undefined && !passedOn && IDENTIFIER.test(reason) ? ` (Gemini's reason: ${reason})` : "";
  const detail = error.upstreamMessage ? ` Gemini said: ${error.upstreamMessage}` : "";
  const retryAfter = error.retryAfterSeconds;
  return new ApiError(
    code,
    `${entry.message}${unknownReason}${detail}`,
    retryAfter === undefined ? {} : { "Retry-After": String(retryAfter) },
  );
}

/** A known failure (ApiError, Gemini, Redis, a too-large body) as the API reports it; null for anything else. */
export function knownApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof BodyTooLargeError) return new ApiError("body_too_large", "The request body is too large.");
  if (error instanceof GeminiError) return upstreamApiError(error);
  // By name: the store may have been opened (and failed) in another bundle of this process.
  if (error instanceof Error && error.name === "DataDirInUseError") return new ApiError("store_unavailable", error.message);
  if (error instanceof CoordinationError) {
    return new ApiError(
      "coordination_unavailable",
      "The shared coordination store (REDIS_URL) is unreachable, so nothing was done (no call to Gemini). Try again shortly.",
    );
  }
  return null;
}

/** Any failure as the API reports it; what is not known is logged (by name only) and is internal_error. */
export function toApiError(error: unknown): ApiError {
  const known = knownApiError(error);
  if (known) return known;
  console.error(JSON.stringify({ event: "unhandled_error", name: error instanceof Error ? error.name : "unknown" }));
  return new ApiError("internal_error", "Something went wrong on the dashboard server.");
}
