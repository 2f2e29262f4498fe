/** Reads what the demo exchange received, through its unsigned /__demo/* control surface. */

interface Stats {
  total: number;
  byPath: Record<string, number>;
  rejectedNonces: number;
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
