/**
 * Reads the demo exchange directly, as a second witness of what the app shows. It signs with the
 * demo ACCOUNT key (bound to "primary"), which has its own nonce sequence, so the app's master-key
 * nonces are never disturbed.
 */
import { createHmac } from "node:crypto";
import { DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET, DEMO_MASTER_KEY } from "../../lib/demo-exchange/credentials";
import { exchangeUrl } from "./servers";

let lastNonce = BigInt(Date.now()) * 1000n;

/** A signed POST to the demo exchange with the account key; the body as raw text (exact digits). */
export async function exchangeText(exchangePort: number, path: string, params: Record<string, unknown> = {}): Promise<string> {
  lastNonce += 1n;
  const payload = Buffer.from(JSON.stringify({ request: path, nonce: lastNonce.toString(), ...params })).toString("base64");
  const signature = createHmac("sha384", DEMO_ACCOUNT_SECRET).update(payload).digest("hex");
  const response = await fetch(`${exchangeUrl(exchangePort)}${path}`, {
    method: "POST",
    headers: { "X-GEMINI-APIKEY": DEMO_ACCOUNT_KEY, "X-GEMINI-PAYLOAD": payload, "X-GEMINI-SIGNATURE": signature },
  });
  if (!response.ok) throw new Error(`demo exchange ${path}: ${response.status} ${await response.text()}`);
  return response.text();
}

interface RecordedCall {
  path: string;
  apiKey: string | null;
  account: string | null;
}

/** The calls the app (the master key) has made upstream, oldest first. */
export async function appCalls(exchangePort: number): Promise<RecordedCall[]> {
  const body = (await (await fetch(`${exchangeUrl(exchangePort)}/__demo/requests`)).json()) as { requests: RecordedCall[] };
  return body.requests.filter((call) => call.apiKey === DEMO_MASTER_KEY);
}

/** Most calls the app had in flight at once since the log was last cleared. */
export async function appMaxInFlight(exchangePort: number): Promise<number> {
  const stats = (await (await fetch(`${exchangeUrl(exchangePort)}/__demo/stats`)).json()) as {
    maxInFlightByKey: Record<string, number>;
  };
  return stats.maxInFlightByKey[DEMO_MASTER_KEY] ?? 0;
}

export async function clearRecordedCalls(exchangePort: number): Promise<void> {
  await fetch(`${exchangeUrl(exchangePort)}/__demo/requests`, { method: "DELETE" });
}

// By URL, for processes a spec or benchmark started itself (e2e/support/processes.ts).
interface Stats {
  total: number;
  byPath: Record<string, number>;
  rejectedNonces: number;
  inFlight: number;
}

export async function exchangeStats(exchangeUrl: string): Promise<Stats> {
  const response = await fetch(`${exchangeUrl}/__demo/stats`);
  if (!response.ok) throw new Error(`GET /__demo/stats answered ${response.status}`);
  return (await response.json()) as Stats;
}

export async function setExchangeLatency(exchangeUrl: string, ms: number): Promise<void> {
  const response = await fetch(`${exchangeUrl}/__demo/latency`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ ms }),
  });
  if (!response.ok) throw new Error(`POST /__demo/latency answered ${response.status}`);
}

/** Upstream calls per path between two stats readings. */
export function callsBetween(before: Stats, after: Stats, path: string): number {
  return (after.byPath[path] ?? 0) - (before.byPath[path] ?? 0);
}

interface Recorded {
  path: string;
  account: string | null;
  showPendingBalances: boolean | null;
}

export async function clearRecordedRequests(exchangeUrl: string): Promise<void> {
  const response = await fetch(`${exchangeUrl}/__demo/requests`, { method: "DELETE" });
  if (!response.ok) throw new Error(`DELETE /__demo/requests answered ${response.status}`);
}

/** Balances calls per "account pending=bool" from the exchange's log (it keeps the last 1,000). */
export async function balancesCallsByView(exchangeUrl: string): Promise<Record<string, number>> {
  const response = await fetch(`${exchangeUrl}/__demo/requests`);
  if (!response.ok) throw new Error(`GET /__demo/requests answered ${response.status}`);
  const { requests } = (await response.json()) as { requests: Recorded[] };
  const byView: Record<string, number> = {};
  for (const request of requests) {
    if (request.path !== "/v1/balances") continue;
    const view = `${request.account ?? "-"} pending=${request.showPendingBalances === true}`;
    byView[view] = (byView[view] ?? 0) + 1;
  }
  return byView;
}
