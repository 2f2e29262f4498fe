import "server-only";
import ipaddr from "ipaddr.js";

/**
 * Which network addresses a destination may reach (SSRF). Public unicast only; ALERTS_ALLOW_PRIVATE
 * opens private, loopback, CGNAT and unique-local ranges for receivers inside the operator's
 * network. Link-local (cloud metadata at 169.254.169.254), multicast, broadcast, unspecified and
 * reserved ranges stay refused whatever the setting: no receiver lives there.
 */
const OPENED_BY_ALLOW_PRIVATE = new Set(["private", "loopback", "carrierGradeNat", "uniqueLocal"]);

export type AddressVerdict = { ok: true } | { ok: false; reason: string };

const RANGE_NAMES: Record<string, string> = {
  private: "a private address",
  loopback: "a loopback address",
  carrierGradeNat: "a carrier-grade NAT address",
  uniqueLocal: "a unique-local address",
  linkLocal: "a link-local address",
  multicast: "a multicast address",
  broadcast: "the broadcast address",
  unspecified: "the unspecified address",
};

/** NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address: judge that one. */
function embeddedIpv4(address: ipaddr.IPv6): ipaddr.IPv4 | null {
  const bytes = address.toByteArray();
  const range = address.range();
  if (range === "rfc6052") return new ipaddr.IPv4(bytes.slice(12, 16));
  if (range === "6to4") return new ipaddr.IPv4(bytes.slice(2, 6));
  return null;
}

/** Judges one IP address (text as DNS or a URL gives it; brackets allowed). */
export function checkAddress(text: string, allowPrivate: boolean): AddressVerdict {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  if (!ipaddr.isValid(bare)) return { ok: false, reason: `${text} is not an IP address` };
  // process() turns an IPv4-mapped IPv6 address (::ffff:127.0.0.1) into the IPv4 it maps.
  let address = ipaddr.process(bare);
  if (address.kind() === "ipv6") address = embeddedIpv4(address as ipaddr.IPv6) ?? address;
  const range = address.range();
  if (range === "unicast") return { ok: true };
  if (allowPrivate && OPENED_BY_ALLOW_PRIVATE.has(range)) return { ok: true };
  const name = RANGE_NAMES[range] ?? `a reserved address (${range})`;
  const hint = OPENED_BY_ALLOW_PRIVATE.has(range) ? " (set ALERTS_ALLOW_PRIVATE=true to allow receivers on your own network)" : "";
  return { ok: false, reason: `${bare} is ${name}${hint}` };
}

/** An IP literal as a URL's hostname has it ([::1] for IPv6), or null for a DNS name. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith("[") && hostname.endsWith("]") ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}
