import "server-only";
/**
 * The client's address for throttling, from X-Forwarded-For. With TRUST_PROXY the first hop is the
 * client the proxy saw; without it the server drops any client-sent header at startup
 * (lib/auth/forwarded-for.ts) and Next writes the socket's address there.
 */
export function clientAddress(headers: Headers, trustProxy: boolean): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const hop = trustProxy ? hops[0] : hops.at(-1);
  return hop ?? "unknown";
}
