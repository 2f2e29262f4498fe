/** The dashboard API's own error codes (upstream Gemini failures keep Gemini's reason instead). */
export type ApiErrorCode =
  | "bad_request"
  | "body_too_large"
  | "account_required"
  | "account_not_allowed"
  | "account_not_found"
  | "account_not_exchange"
  | "master_key_required"
  | "unauthenticated"
  | "invalid_credentials"
  | "too_many_attempts"
  | "forbidden_origin"
  | "sign_in_disabled"
  | "internal_error";

/** A failure with a status and a message meant for the person or script that made the request. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode | string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}
