import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateSecret, signatureHeader, SIGNATURE_TOLERANCE_SECONDS, verifySignature } from "./signature";

const secret = "whsec_test-secret-of-enough-length";
const body = '{"id":"e1","summary":"USD in primary fell below 250000.00"}';
const nowMs = 1_764_900_000_000;
const timestamp = String(nowMs / 1000);

describe("webhook signatures", () => {
  it("is HMAC-SHA256 over `${timestamp}.${body}`, hex, prefixed v1=", () => {
    const expected = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
    expect(signatureHeader(secret, timestamp, body)).toBe(`v1=${expected}`);
  });

  it("verifies its own signature and refuses any change", () => {
    const signature = signatureHeader(secret, timestamp, body);
    expect(verifySignature({ secret, timestamp, signature, body, nowMs })).toEqual({ ok: true });
    expect(verifySignature({ secret, timestamp, signature, body: body.replace("250000", "350000"), nowMs }).ok).toBe(false);
    expect(verifySignature({ secret: `${secret}x`, timestamp, signature, body, nowMs }).ok).toBe(false);
    expect(verifySignature({ secret, timestamp: String(Number(timestamp) + 1), signature, body, nowMs }).ok).toBe(false);
    expect(verifySignature({ secret, timestamp, signature: null, body, nowMs }).ok).toBe(false);
    expect(verifySignature({ secret, timestamp, signature: signature.slice(0, -1), body, nowMs }).ok).toBe(false);
  });

  it("refuses a timestamp older (or newer) than the tolerance: a captured request replays only briefly", () => {
    const old = String(Number(timestamp) - SIGNATURE_TOLERANCE_SECONDS - 1);
    expect(verifySignature({ secret, timestamp: old, signature: signatureHeader(secret, old, body), body, nowMs })).toEqual({
      ok: false,
      reason: "timestamp too old (or in the future)",
    });
    expect(verifySignature({ secret, timestamp: null, signature: "v1=00", body, nowMs }).ok).toBe(false);
  });

  it("generates distinct secrets of 32 random bytes", () => {
    const a = generateSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateSecret()).not.toBe(a);
  });
});
