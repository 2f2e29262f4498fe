/** Request header in which proxy.ts passes the page's path and query to server components. */
export const PAGE_PATH_HEADER = "x-page-path";

/** Longer than any page address the dashboard makes; a longer `next` is refused, not cut. */
export const MAX_NEXT_PATH_LENGTH = 2048;

/** A base to resolve `next` against: a reference that stays on it stays on any origin. */
const PARSE_BASE = new URL("http://next-path.invalid");

/** Visible ASCII only: no control characters, whitespace or non-ASCII, which browsers strip or rewrite. */
const VISIBLE_ASCII = /^[\x21-\x7e]*$/;

/** The value, and the value with its percent-escapes decoded, hold nothing a browser would strip or treat as a slash. */
function plainAscii(value: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return false; // a malformed escape
  }
  // An encoded `//` at the start is a network-path reference to anything that decodes once more.
  return !decoded.startsWith("//") && [value, decoded].every((text) => VISIBLE_ASCII.test(text) && !text.includes("\\"));
}

/**
 * Where to go after sign-in: a path on this site only, never another origin (open redirect).
 * Anything doubtful becomes `/`. The answer is the parsed path, query and fragment, so what the
 * browser is sent to is exactly what was checked.
 */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || value.length > MAX_NEXT_PATH_LENGTH || !value.startsWith("/") || !plainAscii(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, PARSE_BASE);
  } catch {
    return "/";
  }
  if (url.origin !== PARSE_BASE.origin) return "/";
  if (url.pathname.startsWith("/login") || url.pathname.startsWith("/api/")) return "/";
  return url.pathname + url.search + url.hash;
}
