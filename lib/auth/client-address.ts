/**
 * The client's address for throttling. Next fills X-Forwarded-For with the socket address when a
 * request has none; behind a proxy (TRUST_PROXY=true) the first hop is the client the proxy saw.
 */
export function clientAddress(headers: Headers, trustProxy: boolean): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  // Without a trusted proxy the header may be the client's own claim; the last hop is the one
  // closest to this server, which is the socket address Next wrote when the client sent none.
  const hop = trustProxy ? hops[0] : hops.at(-1);
  return hop ?? "unknown";
}
