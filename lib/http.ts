import "server-only";
import { callerOf, type Caller } from "@/lib/auth/audited-read";
import { isCrossSiteRequest } from "@/lib/auth/origin";
import { sessionUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { CoordinationError } from "@/lib/coordination/errors";
import { ApiError } from "@/lib/errors";
import { GeminiError } from "@/lib/gemini/errors";
import { BodyTooLargeError } from "@/lib/request-body";

/** Balances are confidential: no browser, CDN or proxy may keep a copy. */
export const NO_STORE = "no-store, private";

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": NO_STORE, ...headers } });
}

/**
 * Any failure as the API reports it: ApiError as is, GeminiError by its table, a too-large body as
 * 413, a Redis failure as 503 coordination_unavailable, anything else as internal_error.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof BodyTooLargeError) return new ApiError(413, "body_too_large", "The request body is too large.");
  if (error instanceof GeminiError) {
    const { status, code, message } = error.toApiError();
    const retryAfter = error.retryAfterSeconds;
    return new ApiError(status, code, message, retryAfter === undefined ? {} : { "Retry-After": String(retryAfter) });
  }
  if (error instanceof CoordinationError) {
    return new ApiError(
      503,
      error.code,
      "The shared coordination store (REDIS_URL) is unreachable, so nothing was done (no call to Gemini). Try again shortly.",
    );
  }
  console.error(JSON.stringify({ event: "unhandled_error", name: error instanceof Error ? error.name : "unknown" }));
  return new ApiError(500, "internal_error", "Something went wrong on the dashboard server.");
}

export function errorResponse(error: unknown): Response {
  const apiError = toApiError(error);
  return jsonResponse({ error: { code: apiError.code, message: apiError.message } }, apiError.status, apiError.headers);
}

export type { Caller } from "@/lib/auth/audited-read";

type Handler<C> = (request: Request, context: C, caller: Caller) => Promise<unknown>;

export interface ApiOptions {
  /** Answer without a session (health, login). Everything else requires one when sign-in is on. */
  public?: boolean;
}

/** Refuses cross-site writes, then requests without a valid session, before the handler runs. */
async function authorize(request: Request, options: ApiOptions): Promise<Caller> {
  if (isCrossSiteRequest(request)) {
    throw new ApiError(403, "forbidden_origin", "This request came from another site and was refused.");
  }
  const { auth, production } = getConfig();
  if (!auth) return callerOf(request.headers, null);
  const user = await sessionUser(request, auth, production);
  if (!user && !options.public) throw new ApiError(401, "unauthenticated", "Sign in to use the dashboard API.");
  return callerOf(request.headers, user);
}

/**
 * A route handler that returns JSON and turns every failure into `{error: {code, message}}`.
 * It owns the boundary: no handler runs (so no upstream call is made) without a session.
 */
export function withApi<C>(
  handler: Handler<C>,
  options: ApiOptions = {},
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      const caller = await authorize(request, options);
      const result = await handler(request, context, caller);
      return result instanceof Response ? result : jsonResponse(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
