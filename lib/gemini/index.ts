import "server-only";
import { getConfig } from "@/lib/config";
import { createDemoExchange, type DemoExchange } from "@/lib/demo-exchange";
import { createGeminiClient, type FetchLike, type GeminiClient } from "@/lib/gemini/client";
import { MemoryKeyGate } from "@/lib/gemini/gate";
import { MemoryNonceStore, systemClock } from "@/lib/gemini/nonce";

export { getBalances, listAccounts } from "@/lib/gemini/api";
export { GeminiError } from "@/lib/gemini/errors";
export type { GeminiClient } from "@/lib/gemini/client";

/** The host the embedded demo exchange answers as; never resolved, requests stay in-process. */
const EMBEDDED_DEMO_URL = "http://demo-exchange.invalid";

interface GeminiRuntime {
  client: GeminiClient;
  demoExchange: DemoExchange | null;
}

// One per process, on globalThis because Next may load this module in more than one bundle.
const holder = globalThis as typeof globalThis & { __geminiRuntime?: GeminiRuntime };

function createRuntime(): GeminiRuntime {
  const { exchange } = getConfig();
  const demoExchange = exchange.baseUrl === null ? createDemoExchange() : null;
  const fetchImpl: FetchLike = demoExchange
    ? (url, init) => demoExchange.handle(new Request(url, init))
    : (url, init) => fetch(url, init);
  const client = createGeminiClient({
    baseUrl: exchange.baseUrl ?? EMBEDDED_DEMO_URL,
    apiKey: exchange.apiKey,
    apiSecret: exchange.apiSecret,
    nonceUnit: exchange.nonceUnit,
    timeoutMs: exchange.timeoutMs,
    fetch: fetchImpl,
    gate: new MemoryKeyGate(),
    nonces: new MemoryNonceStore(),
    clock: systemClock,
  });
  return { client, demoExchange };
}

export function getGemini(): GeminiClient {
  holder.__geminiRuntime ??= createRuntime();
  return holder.__geminiRuntime.client;
}
