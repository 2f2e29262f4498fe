import "server-only";
import { lookup } from "node:dns/promises";
import { checkAddress, ipLiteral } from "./address-policy";

/** A URL longer than this is not a webhook address. */
export const MAX_DESTINATION_URL_LENGTH = 2_048;
/** Plain http is for a receiver on this machine only. */
const HTTP_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** DNS as the sender sees it; tests inject their own answers (a name that rebinds, a private one). */
export type Resolve = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolve: Resolve = async (hostname) => {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

export interface UrlPolicy {
  allowPrivate: boolean;
  resolve: Resolve;
}

/** `unresolved`: DNS gave no address, which may pass (a send retries it); any other refusal is final. */
export type UrlVerdict = { ok: true; url: URL; address: ResolvedAddress } | { ok: false; reason: string; unresolved?: boolean };

/** The checks that need no network: scheme, length, no credentials in the address. */
export function checkUrlShape(text: string): { ok: true; url: URL } | { ok: false; reason: string } {
  if (text.length > MAX_DESTINATION_URL_LENGTH) return { ok: false, reason: `The URL is longer than ${MAX_DESTINATION_URL_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: "The URL is not a valid absolute URL (https://...)." };
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && HTTP_HOSTS.has(url.hostname))) {
    return { ok: false, reason: "The URL must use https:// (plain http:// only for localhost, 127.0.0.1 or [::1])." };
  }
  if (url.username || url.password) return { ok: false, reason: "The URL must not carry a user name or password; use the webhook's signing secret." };
  return { ok: true, url };
}

/**
 * The whole check, at save time and again before every send: the shape, then every address the
 * host resolves to (one bad address refuses the URL). The address returned is the one to connect
 * to, so a DNS answer that changes between the check and the connection is never used.
 */
export async function checkDestinationUrl(text: string, { allowPrivate, resolve }: UrlPolicy): Promise<UrlVerdict> {
  const shape = checkUrlShape(text);
  if (!shape.ok) return shape;
  const { url } = shape;
  const literal = ipLiteral(url.hostname);
  let addresses: ResolvedAddress[];
  if (literal !== null) {
    addresses = [{ address: literal, family: literal.includes(":") ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(url.hostname);
    } catch {
      return { ok: false, reason: `${url.hostname} does not resolve to an address.`, unresolved: true };
    }
    if (addresses.length === 0) return { ok: false, reason: `${url.hostname} does not resolve to an address.`, unresolved: true };
  }
  for (const { address } of addresses) {
    const verdict = checkAddress(address, allowPrivate);
    if (!verdict.ok) return { ok: false, reason: literal === null ? `${url.hostname} resolves to ${verdict.reason}.` : `${verdict.reason}.` };
  }
  return { ok: true, url, address: addresses[0]! };
}
