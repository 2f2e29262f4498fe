import "server-only";
import { createHash } from "node:crypto";
import type { NonceUnit } from "@/lib/config";
import { errorFromResponse, GeminiError } from "@/lib/gemini/errors";
import type { GateLease, KeyGate } from "@/lib/gemini/gate";
import { parseLossless } from "@/lib/gemini/lossless";
import { nextNonce, type Clock, type NonceStore } from "@/lib/gemini/nonce";
import { waitForSlot, type RateBudget } from "@/lib/gemini/rate-budget";
import { REQUEST_BUDGET_MS, withRetries, type Random } from "@/lib/gemini/retry";
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
  /** Deployment-wide spacing of this key's calls; none = unthrottled (tests of the wire format). */
  rateBudget?: RateBudget;
  /** Jitter source for retry backoff. */
  random?: Random;
}

export interface RequestOptions {
  /** A read is retried on transient failures; anything else is sent once. */
  read?: boolean;
  /** Absolute time (clock ms) by which an answer is needed; default: now + REQUEST_BUDGET_MS. */
  deadline?: number;
}

/** Something that can send a signed private POST. */
export interface GeminiCaller {
  /** Resolves to the losslessly parsed body, rejects with a GeminiError. */
  post(path: string, params?: PayloadParams, options?: RequestOptions): Promise<unknown>;
}

/** Something that can send an unsigned public GET (market data: no key, nonce or gate). */
export interface GeminiPublicCaller {
  /** Resolves to the losslessly parsed body, rejects with a GeminiError. */
  getPublic(path: string): Promise<unknown>;
}

export interface GeminiClient extends GeminiCaller, GeminiPublicCaller {
  /**
   * Runs `task` holding the key's gate, so it can look at shared state (a cache another instance
   * may just have filled) and call Gemini without anyone else's call slipping in between.
   * Calls through `session` do not wait for the gate again.
   */
  exclusive<T>(deadline: number, task: (session: GeminiCaller) => Promise<T>): Promise<T>;
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
  const { clock } = options;
  const random = options.random ?? Math.random;

  async function send(path: string, params: PayloadParams, timeoutMs: number, lease: GateLease): Promise<unknown> {
    const startedAt = clock.nowMs();
    if (options.rateBudget) await waitForSlot(options.rateBudget, keyId, clock);
    // Fencing: if the lease lapsed (a long pause), another instance may have sent a larger nonce.
    await lease.confirm();
    // Taken inside the gate, so requests of one key reach Gemini in nonce order.
    const nonce = await nextNonce(options.nonces, keyId, options.nonceUnit, options.clock);
    const headers = signRequest({ apiKey: options.apiKey, apiSecret: options.apiSecret, path, nonce, params });
    return fetchParsed(path, {
      method: "POST",
      headers,
      body: "",
      cache: "no-store",
      // Time spent waiting for a rate slot or a seconds nonce counts against this attempt.
      signal: AbortSignal.timeout(Math.max(1, timeoutMs - (clock.nowMs() - startedAt))),
    });
  }

  /** One HTTP exchange: the losslessly parsed body of a 2xx, else a typed GeminiError. */
  async function fetchParsed(path: string, init: RequestInit): Promise<unknown> {
    let response: Response;
    let body: string;
    try {
      response = await options.fetch(`${options.baseUrl}${path}`, init);
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

  /**
   * The whole retry loop runs under one hold of the gate: while a rate-limited or failing call
   * backs off, no other call of this key goes out (each would meet the same 429), and each
   * attempt takes a fresh, larger nonce just before it is sent, so wire order is nonce order.
   */
  function sessionFor(lease: GateLease, sessionDeadline: number): GeminiCaller {
    return {
      post: (path, params = {}, request = {}) =>
        withRetries((timeoutMs) => send(path, params, timeoutMs, lease), {
          deadline: Math.min(request.deadline ?? sessionDeadline, sessionDeadline),
          read: request.read ?? false,
          attemptTimeoutMs: options.timeoutMs,
          clock,
          random,
        }),
    };
  }

  // Public data takes no nonce and counts against Gemini's public limit, not this key's: no gate, no budget.
  function getPublic(path: string): Promise<unknown> {
    return fetchParsed(path, { method: "GET", cache: "no-store", signal: AbortSignal.timeout(options.timeoutMs) });
  }

  const defaultDeadline = () => clock.nowMs() + REQUEST_BUDGET_MS;
  return {
    post: (path, params = {}, request = {}) => {
      const deadline = request.deadline ?? defaultDeadline();
      return options.gate.run(keyId, deadline, (lease) => sessionFor(lease, deadline).post(path, params, request));
    },
    getPublic,
    exclusive: (deadline, task) => options.gate.run(keyId, deadline, (lease) => task(sessionFor(lease, deadline))),
  };
}
