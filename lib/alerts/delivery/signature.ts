import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** The headers every generic webhook carries (README "Alerts delivery"). */
export const EVENT_ID_HEADER = "X-Treasury-Event-Id";
export const TIMESTAMP_HEADER = "X-Treasury-Timestamp";
export const SIGNATURE_HEADER = "X-Treasury-Signature";
export const ATTEMPT_HEADER = "X-Treasury-Delivery-Attempt";
/** The scheme's version, so a later one can be sent beside it while receivers move over. */
const SIGNATURE_VERSION = "v1";
/** A receiver refuses a timestamp further than this from its clock: a captured request replays only briefly. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** A secret an admin sets must be at least this long; generated ones are 32 random bytes. */
export const MIN_SECRET_LENGTH = 24;
export const SECRET_PREFIX = "whsec_";

export function generateSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64url");
}

/** `v1=<hex HMAC-SHA256 of "${timestamp}.${body}">`: the timestamp is signed with the body, so neither changes alone. */
export function signatureHeader(secret: string, timestamp: string, body: string): string {
  return `${SIGNATURE_VERSION}=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** What a receiver does (the README's snippet is this, in plain Node): constant-time compare, fresh timestamp. */
export function verifySignature(input: { secret: string; timestamp: string | null; signature: string | null; body: string; nowMs: number }): SignatureCheck {
  const { secret, timestamp, signature, body, nowMs } = input;
  if (!timestamp || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: `missing or malformed ${TIMESTAMP_HEADER}` };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: "timestamp too old (or in the future)" };
  if (!signature) return { ok: false, reason: `missing ${SIGNATURE_HEADER}` };
  const expected = Buffer.from(signatureHeader(secret, timestamp, body));
  const given = Buffer.from(signature);
  const match = given.length === expected.length && timingSafeEqual(given, expected);
  return match ? { ok: true } : { ok: false, reason: "signature does not match" };
}
