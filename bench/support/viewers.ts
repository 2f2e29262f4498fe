/**
 * Simulated dashboards: each one polls GET /api/balances for its own (account, pending) every
 * interval, as the browser's React Query refetch does. autocannon cannot send less than one request
 * a second per connection, so this small fixed-rate poller stands in for it.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { percentile, round } from "./stats";

/** The (account, pending) pairs viewers are spread over: exchange accounts of the demo master key. */
const VIEWS = [
  { account: "primary", pending: false },
  { account: "primary", pending: true },
  { account: "treasury", pending: false },
  { account: "treasury", pending: true },
] as const;

export interface ViewersOptions {
  appUrl: string;
  viewers: number;
  intervalMs: number;
  durationMs: number;
  /** Called every sampleEveryMs while the viewers run, e.g. to read the server's memory. */
  onSample?: (elapsedMs: number) => void;
  sampleEveryMs?: number;
}

export interface ViewersResult {
  requests: number;
  ok: number;
  failed: number;
  /** A viewer whose previous request had not answered by its next tick skips that tick, as React Query does. */
  skipped: number;
  medianMs: number;
  p99Ms: number;
  /** How many distinct (account, pending) pairs the viewers covered. */
  views: number;
}

export async function runViewers({ appUrl, viewers, intervalMs, durationMs, onSample, sampleEveryMs = 5_000 }: ViewersOptions): Promise<ViewersResult> {
  const latencies: number[] = [];
  let requests = 0;
  let ok = 0;
  let failed = 0;
  let skipped = 0;
  const start = Date.now();
  const end = start + durationMs;

  async function viewer(index: number): Promise<void> {
    const view = VIEWS[index % VIEWS.length]!;
    const url = `${appUrl}/api/balances?account=${view.account}&pending=${view.pending}`;
    // Dashboards were opened at different moments: spread the first poll over one interval.
    let next = start + (index * intervalMs) / viewers;
    while (next < end) {
      await sleep(Math.max(0, next - Date.now()));
      const sentAt = performance.now();
      requests += 1;
      try {
        const response = await fetch(url);
        await response.arrayBuffer();
        if (response.ok) {
          ok += 1;
          latencies.push(performance.now() - sentAt);
        } else {
          failed += 1;
        }
      } catch {
        failed += 1;
      }
      next += intervalMs;
      while (next < Date.now()) {
        skipped += 1;
        next += intervalMs;
      }
    }
  }

  const sampler = onSample
    ? setInterval(() => onSample(Date.now() - start), sampleEveryMs)
    : undefined;
  try {
    await Promise.all(Array.from({ length: viewers }, (_, index) => viewer(index)));
  } finally {
    if (sampler) clearInterval(sampler);
  }
  return {
    requests,
    ok,
    failed,
    skipped,
    medianMs: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    views: Math.min(viewers, VIEWS.length),
  };
}
