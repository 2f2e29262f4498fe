import "server-only";
import { createHmac } from "node:crypto";
import { stringifyLossless } from "@/lib/gemini/lossless";

/** The request parameters a private call carries beside `request` and `nonce`. */
export type PayloadParams = Record<string, unknown>;

export interface SignInput {
  apiKey: string;
  apiSecret: string;
  path: string;
  nonce: string;
  params?: PayloadParams;
}

/** HMAC-SHA384 of the base64 payload text, keyed with the API secret, as lowercase hex. */
function signPayload(apiSecret: string, payloadBase64: string): string {
  return createHmac("sha384", apiSecret).update(payloadBase64).digest("hex");
}

/** Builds the payload and the six headers Gemini documents for a private POST with an empty body. */
export function signRequest({ apiKey, apiSecret, path, nonce, params = {} }: SignInput): Record<string, string> {
  if ("request" in params || "nonce" in params) throw new TypeError("params may not override request or nonce");
  // `request` and `nonce` first; wide integers in params stay exact through the lossless writer.
  const payload = stringifyLossless({ request: path, nonce, ...params });
  const payloadBase64 = Buffer.from(payload, "utf8").toString("base64");
  return {
    "Content-Type": "text/plain",
    "Content-Length": "0",
    "Cache-Control": "no-cache",
    "X-GEMINI-APIKEY": apiKey,
    "X-GEMINI-PAYLOAD": payloadBase64,
    "X-GEMINI-SIGNATURE": signPayload(apiSecret, payloadBase64),
  };
}

/**
 * Headers for an authenticated WebSocket upgrade: the payload is the nonce itself, in epoch seconds.
 * Not used by the dashboard yet; kept so Gemini's signing fixtures run in full.
 */
export function signWebSocketUpgrade(apiKey: string, apiSecret: string, nonceSeconds: string): Record<string, string> {
  const payloadBase64 = Buffer.from(nonceSeconds, "utf8").toString("base64");
  return {
    "X-GEMINI-APIKEY": apiKey,
    "X-GEMINI-NONCE": nonceSeconds,
    "X-GEMINI-PAYLOAD": payloadBase64,
    "X-GEMINI-SIGNATURE": signPayload(apiSecret, payloadBase64),
  };
}
