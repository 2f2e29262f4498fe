import "server-only";
import { ApiError } from "@/lib/errors";
import { GeminiError } from "@/lib/gemini/errors";

/** Balances are confidential: no browser, CDN or proxy may keep a copy. */
export const NO_STORE = "no-store, private";

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": NO_STORE, ...headers } });
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof GeminiError) {
    const { status, code, message } = error.toApiError();
    const retryAfter = error.retryAfterSeconds;
    return new ApiError(status, code, message, retryAfter === undefined ? {} : { "Retry-After": String(retryAfter) });
  }
  console.error(JSON.stringify({ event: "unhandled_error", name: error instanceof Error ? error.name : "unknown" }));
  return new ApiError(500, "internal_error", "Something went wrong on the dashboard server.");
}

export function errorResponse(error: unknown): Response {
  const apiError = toApiError(error);
  return jsonResponse({ error: { code: apiError.code, message: apiError.message } }, apiError.status, apiError.headers);
}

type Handler<C> = (request: Request, context: C) => Promise<unknown>;

/** A route handler that returns JSON and turns every failure into `{error: {code, message}}`. */
export function withApi<C>(handler: Handler<C>): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      const result = await handler(request, context);
      return result instanceof Response ? result : jsonResponse(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
