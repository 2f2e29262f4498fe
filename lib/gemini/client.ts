import "server-only";
import { createHash } from "node:crypto";
import type { NonceUnit } from "@/lib/config";
import { errorFromResponse, GeminiError } from "@/lib/gemini/errors";
import type { KeyGate } from "@/lib/gemini/gate";
import { parseLossless } from "@/lib/gemini/lossless";
import { nextNonce, type Clock, type NonceStore } from "@/lib/gemini/nonce";
import { signRequest, type PayloadParams } from "@/lib/gemini/sign";

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface GeminiClientOptions {
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
  nonceUnit: NonceUnit;
  timeoutMs: number;
  fetch: FetchLike;
  gate: KeyGate;
  nonces: NonceStore;
  clock: Clock;
}

export interface GeminiClient {
  /** A signed private POST; resolves to the losslessly parsed body, rejects with a GeminiError. */
  post(path: string, params?: PayloadParams): Promise<unknown>;
}

/** Identifies a key in shared state (locks, nonces) without storing the key itself. */
export function keyFingerprint(apiKey: string): string {
  return createHash("sha256").update(apiKey).digest("hex").slice(0, 16);
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

export function createGeminiClient(options: GeminiClientOptions): GeminiClient {
  const keyId = keyFingerprint(options.apiKey);

  async function send(path: string, params: PayloadParams): Promise<unknown> {
    // Taken inside the gate, so requests of one key reach Gemini in nonce order.
    const nonce = await nextNonce(options.nonces, keyId, options.nonceUnit, options.clock);
    const headers = signRequest({ apiKey: options.apiKey, apiSecret: options.apiSecret, path, nonce, params });
    let response: Response;
    let body: string;
    try {
      response = await options.fetch(`${options.baseUrl}${path}`, {
        method: "POST",
        headers,
        body: "",
        cache: "no-store",
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      body = await response.text();
    } catch (error) {
      if (isAbort(error)) throw new GeminiError("timeout");
      throw new GeminiError("unreachable");
    }
    if (!response.ok) throw errorFromResponse(response.status, response.headers, body);
    try {
      return parseLossless(body);
    } catch {
      throw new GeminiError("invalid_response", { status: response.status });
    }
  }

  return {
    post: (path, params = {}) => options.gate.run(keyId, () => send(path, params)),
  };
}
