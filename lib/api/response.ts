/** API answers carry confidential data: no browser, CDN or proxy may keep a copy. */
export const NO_STORE = "no-store, private";

/** A JSON answer that no cache keeps. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": NO_STORE, ...headers } });
}
