import "server-only";
import { isIP, isIPv4 } from "node:net";

/** An address that is not an IP (a proxy that writes something else): all such share one bucket. */
export const UNKNOWN_ADDRESS = "unknown";
/** Groups of an IPv6 address that one subscriber holds: a /64 is the usual smallest allocation. */
const IPV6_SUBSCRIBER_GROUPS = 4;

/**
 * The client's address, from X-Forwarded-For as Next hands it over. `trustedHops` proxies in front
 * of the server each append the address they saw, so the client is the entry that many from the
 * right; whatever lies left of it the client wrote itself. With 0 the server dropped any
 * client-sent header at startup (lib/auth/forwarded-for.ts) and Next wrote the socket's address,
 * the only entry.
 */
export function clientAddress(headers: Headers, trustedHops: number): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  // Fewer entries than proxies: every entry was written by a trusted hop, the farthest is nearest the client.
  const hop = hops.at(-Math.max(1, trustedHops)) ?? hops[0];
  return hop === undefined ? UNKNOWN_ADDRESS : canonicalAddress(hop);
}

/** An IP without port, brackets or zone, IPv4-mapped IPv6 as IPv4; anything else is UNKNOWN_ADDRESS. */
export function canonicalAddress(raw: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(raw)?.[1];
  const withoutPort = bracketed ?? (/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(raw)?.[1] ?? raw);
  const address = withoutPort.replace(/%.*$/, "");
  if (isIPv4(address)) return address;
  if (isIP(address) !== 6) return UNKNOWN_ADDRESS;
  const groups = ipv6Groups(address);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  // The WHATWG serializer compresses zeros and lower-cases, so one address has one spelling.
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

/** What the sign-in throttle counts by: an IPv4 address, or the /64 an IPv6 address lies in. */
export function addressBucket(address: string): string {
  const canonical = canonicalAddress(address);
  if (isIP(canonical) !== 6) return canonical;
  const prefix = ipv6Groups(canonical).slice(0, IPV6_SUBSCRIBER_GROUPS);
  return `${prefix.map((group) => group.toString(16)).join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (the URL parser turns a dotted tail into hex). */
function ipv6Groups(address: string): number[] {
  const hex = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = "", tail] = hex.split("::");
  const parse = (part: string) => (part ? part.split(":").map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}
