/**
 * The demo exchange seen from outside, by its URL: its control routes (faults, latency, the
 * request log, stats) and signed reads as a second witness of what the app shows. Reads sign with
 * the demo ACCOUNT key (bound to "primary"), which has its own nonce sequence, so the app's
 * master-key nonces are never disturbed.
 */
import { createHmac } from "node:crypto";
import { DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET, DEMO_MASTER_KEY } from "../lib/demo-exchange/credentials";
import type { DemoStats, RecordedRequest } from "../lib/demo-exchange/recorder";

/** What GET /__demo/stats and GET /__demo/requests answer (the exchange's own types, as JSON). */
export type ExchangeStats = DemoStats;
export type { RecordedRequest };

/** One fault as POST /__demo/faults takes it, e.g. `{ kind: "html-500", path: "/v1/balances", times: 1 }`. */
export type Fault = { kind: string } & Record<string, unknown>;

let lastNonce = BigInt(Date.now()) * 1000n;

async function answer(response: Response, what: string): Promise<Response> {
  if (!response.ok) throw new Error(`demo exchange ${what} answered ${response.status}: ${await response.text()}`);
  return response;
}

const sendJson = (body: unknown): RequestInit => ({ body: JSON.stringify(body), headers: { "content-type": "application/json" } });

export interface DemoExchangeClient {
  readonly url: string;
  stats(): Promise<ExchangeStats>;
  /** The request log, oldest first (the exchange keeps the last 1,000). */
  requests(): Promise<RecordedRequest[]>;
  clearRequests(): Promise<void>;
  /** Injects one fault or several; they stay until cleared (or `times` runs out). */
  injectFault(fault: Fault | Fault[]): Promise<void>;
  clearFaults(): Promise<void>;
  setLatency(ms: number): Promise<void>;
  /** A signed POST with the account key; the body as raw text (exact digits). */
  signedText(path: string, params?: Record<string, unknown>): Promise<string>;
  /** The calls the app (the master key) has made, oldest first. */
  appCalls(): Promise<RecordedRequest[]>;
  /** Most calls the app had in flight at once since the log was last cleared. */
  appMaxInFlight(): Promise<number>;
  /** Balances calls per "account pending=bool" in the request log. */
  balancesCallsByView(): Promise<Record<string, number>>;
}

export function demoExchange(url: string): DemoExchangeClient {
  const control = async (method: string, name: string, init: RequestInit = {}) =>
    answer(await fetch(`${url}/__demo/${name}`, { method, ...init }), `${method} /__demo/${name}`);
  const client: DemoExchangeClient = {
    url,
    stats: async () => (await (await control("GET", "stats")).json()) as ExchangeStats,
    requests: async () => ((await (await control("GET", "requests")).json()) as { requests: RecordedRequest[] }).requests,
    clearRequests: async () => void (await control("DELETE", "requests")),
    injectFault: async (fault) => void (await control("POST", "faults", sendJson(fault))),
    clearFaults: async () => void (await control("DELETE", "faults")),
    setLatency: async (ms) => void (await control("POST", "latency", sendJson({ ms }))),
    async signedText(path, params = {}) {
      lastNonce += 1n;
      const payload = Buffer.from(JSON.stringify({ request: path, nonce: lastNonce.toString(), ...params })).toString("base64");
      const signature = createHmac("sha384", DEMO_ACCOUNT_SECRET).update(payload).digest("hex");
      const response = await fetch(`${url}${path}`, {
        method: "POST",
        headers: { "X-GEMINI-APIKEY": DEMO_ACCOUNT_KEY, "X-GEMINI-PAYLOAD": payload, "X-GEMINI-SIGNATURE": signature },
      });
      return (await answer(response, path)).text();
    },
    appCalls: async () => (await client.requests()).filter((call) => call.apiKey === DEMO_MASTER_KEY),
    appMaxInFlight: async () => (await client.stats()).maxInFlightByKey[DEMO_MASTER_KEY] ?? 0,
    async balancesCallsByView() {
      const byView: Record<string, number> = {};
      for (const request of await client.requests()) {
        if (request.path !== "/v1/balances") continue;
        const view = `${request.account ?? "-"} pending=${request.showPendingBalances === true}`;
        byView[view] = (byView[view] ?? 0) + 1;
      }
      return byView;
    },
  };
  return client;
}

/** Upstream calls per path between two stats readings. */
export function callsBetween(before: ExchangeStats, after: ExchangeStats, path: string): number {
  return (after.byPath[path] ?? 0) - (before.byPath[path] ?? 0);
}
