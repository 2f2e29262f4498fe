import "server-only";

import { createHmac, timingSafeEqual } from "node:crypto";
import { isLosslessNumber, parse } from "lossless-json";
import { DEMO_KEYS, type DemoKey } from "./credentials";
import { geminiError, type GeminiError } from "./responses";

/** A payload after lossless parsing: numbers stay LosslessNumber so wide nonces keep every digit. */
export type Payload = Readonly<Record<string, unknown>>;

export interface Verified {
  readonly key: DemoKey;
  readonly payload: Payload;
  readonly nonce: bigint;
}

export type VerifyResult = { readonly ok: true; readonly value: Verified } | { readonly ok: false; readonly error: GeminiError };

/** Last accepted nonce per API key, compared as exact integers. */
export interface NonceBook {
  last(key: string): bigint | undefined;
  accept(key: string, nonce: bigint): void;
  clear(): void;
}

export function createNonceBook(): NonceBook {
  const book = new Map<string, bigint>();
  return {
    last: (key) => book.get(key),
    accept: (key, nonce) => void book.set(key, nonce),
    clear: () => book.clear(),
  };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DECIMAL_INTEGER = /^\d+$/;

/** Decodes X-GEMINI-PAYLOAD into a JSON object, or null when it is not base64 of one. */
export function decodePayload(header: string): Payload | null {
  if (!BASE64.test(header)) return null;
  try {
    const value = parse(Buffer.from(header, "base64").toString("utf8"));
    return isPlainObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** The nonce exactly as sent: a JSON string or the digits of a JSON number. */
export function nonceText(payload: Payload): string | null {
  const nonce = payload.nonce;
  if (typeof nonce === "string") return nonce;
  if (isLosslessNumber(nonce)) return nonce.value;
  return null;
}

/**
 * Checks a private call the way Gemini does, in Gemini's order, and consumes the nonce only
 * when everything about the authentication holds.
 */
export function verifyRequest(path: string, headers: Headers, nonces: NonceBook, keys: readonly DemoKey[] = DEMO_KEYS): VerifyResult {
  const fail = (error: GeminiError): VerifyResult => ({ ok: false, error });
  const apiKey = headers.get("x-gemini-apikey");
  const payloadHeader = headers.get("x-gemini-payload");
  const signature = headers.get("x-gemini-signature");
  if (!apiKey) return fail(geminiError(400, "MissingApikeyHeader", "Missing API key header X-GEMINI-APIKEY"));
  if (!payloadHeader) return fail(geminiError(400, "MissingPayloadHeader", "Missing payload header X-GEMINI-PAYLOAD"));
  if (!signature) return fail(geminiError(400, "MissingSignatureHeader", "Missing signature header X-GEMINI-SIGNATURE"));

  const key = keys.find((candidate) => candidate.key === apiKey);
  if (!key) return fail(geminiError(400, "InvalidSignature", `InvalidSignature: API key '${apiKey}' was not found`));
  if (!signatureMatches(key.secret, payloadHeader, signature)) {
    return fail(geminiError(400, "InvalidSignature", "InvalidSignature: the signature does not match the payload"));
  }

  const payload = decodePayload(payloadHeader);
  if (!payload) return fail(geminiError(400, "InvalidJson", "Could not parse X-GEMINI-PAYLOAD as base64-encoded JSON object"));
  if (payload.request !== path) {
    const sent = typeof payload.request === "string" ? payload.request : String(payload.request);
    return fail(geminiError(400, "EndpointMismatch", `EndpointMismatch: payload request '${sent}' does not match URL path '${path}'`));
  }

  if (payload.nonce === undefined || payload.nonce === null) {
    return fail(geminiError(400, "MissingNonce", "Missing nonce in payload"));
  }
  const text = nonceText(payload);
  if (text === null || !DECIMAL_INTEGER.test(text)) {
    return fail(geminiError(400, "InvalidNonce", `Nonce '${text ?? String(payload.nonce)}' is not a positive integer`));
  }
  const nonce = BigInt(text);
  const last = nonces.last(key.key);
  if (last !== undefined && nonce <= last) {
    return fail(geminiError(400, "InvalidNonce", `Nonce '${text}' has not increased since your last call to the Gemini API.`));
  }
  nonces.accept(key.key, nonce);
  return { ok: true, value: { key, payload, nonce } };
}

function signatureMatches(secret: string, payloadHeader: string, signature: string): boolean {
  const expected = Buffer.from(createHmac("sha384", secret).update(payloadHeader).digest("hex"), "utf8");
  const given = Buffer.from(signature, "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function isPlainObject(value: unknown): value is Payload {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}
