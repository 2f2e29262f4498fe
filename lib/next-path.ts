/** Request header in which proxy.ts passes the page's path and query to server components. */
export const PAGE_PATH_HEADER = "x-page-path";

/** Where to go after sign-in: a path on this site only, never another origin (open redirect). */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  if (value.startsWith("/login") || value.startsWith("/api/")) return "/";
  return value;
}
