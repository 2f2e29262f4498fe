import "server-only";

import { stringify } from "lossless-json";

/** Reasons this exchange answers with, as Gemini spells them. */
export type GeminiReason =
  | "MissingApikeyHeader"
  | "MissingPayloadHeader"
  | "MissingSignatureHeader"
  | "InvalidSignature"
  | "InvalidApiKey"
  | "InvalidJson"
  | "EndpointMismatch"
  | "MissingNonce"
  | "InvalidNonce"
  | "MissingRole"
  | "MissingAccounts"
  | "InvalidAccountName"
  | "MasterKeyRequired"
  | "ApiKeyIpFilteringFailure"
  | "RateLimit"
  | "Maintenance"
  | "MethodNotAllowed"
  | "StakingNotSupported"
  | "System";

/** A rejection decided by the exchange, before any body is built. */
export interface GeminiError {
  readonly status: number;
  readonly reason: GeminiReason;
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export function geminiError(status: number, reason: GeminiReason, message: string): GeminiError {
  return { status, reason, message };
}

/** Serialises with lossless-json so LosslessNumber values keep their exact digits. */
export function toJsonText(value: unknown): string {
  const text = stringify(value);
  if (text === undefined) throw new Error("Value is not serialisable as JSON");
  return text;
}

export function jsonResponse(status: number, text: string, headers: Readonly<Record<string, string>> = {}): Response {
  return new Response(text, {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-cache", ...headers },
  });
}

export function errorResponse(error: GeminiError): Response {
  const body = toJsonText({ result: "error", reason: error.reason, message: error.message });
  return jsonResponse(error.status, body, error.headers);
}

/** Gemini answers an unknown path with a bare 404 and no body. */
export function emptyNotFound(): Response {
  return new Response(null, { status: 404 });
}

export function htmlResponse(status: number, html: string): Response {
  return new Response(html, { status, headers: { "content-type": "text/html; charset=utf-8" } });
}
