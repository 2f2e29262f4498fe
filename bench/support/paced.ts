/**
 * One request at a time at a fixed pace, over one keep-alive connection, timing each response.
 * The app spaces one key's Gemini calls (GEMINI_CALLS_PER_SECOND): a closed loop (autocannon's
 * model, or its per-second rate limit, which sends in bursts) would measure that queue, not the
 * proxy. Paced slower than the budget, no call ever waits for a slot.
 */
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

export interface PacedRequest {
  method: "GET" | "POST";
  path: string;
  /** Fresh headers for each request (a signed call needs a new nonce). */
  headers?: () => Record<string, string>;
}

export interface PacedResult {
  /** Milliseconds, one per 2xx response. */
  latencies: number[];
  failed: number;
}

export async function paced(baseUrl: string, request: PacedRequest, { everyMs, durationMs }: { everyMs: number; durationMs: number }): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  let failed = 0;
  const end = Date.now() + durationMs;
  let next = Date.now();
  try {
    while (next < end) {
      await sleep(Math.max(0, next - Date.now()));
      next += everyMs;
      const sentAt = performance.now();
      const status = await send(new URL(request.path, baseUrl), request, agent).catch(() => 0);
      if (status >= 200 && status < 300) latencies.push(performance.now() - sentAt);
      else failed += 1;
    }
  } finally {
    agent.destroy();
  }
  return { latencies, failed };
}

function send(url: URL, { method, headers }: PacedRequest, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(url, { method, headers: headers?.() ?? {}, agent }, (incoming) => {
      incoming.resume();
      incoming.on("end", () => resolve(incoming.statusCode ?? 0));
      incoming.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}
