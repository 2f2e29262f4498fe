/**
 * Memory under steady use: the fan-in load at 100 viewers for 10 minutes, the server's RSS read
 * from /proc every 10 s. Flat means the last minute's median is no higher than the first
 * minute's beyond noise, and the fitted slope is near zero.
 */
import { parseArgs } from "node:util";
import { CACHE_TTL_MS, POLL_INTERVAL_MS } from "./support/polling";
import { rssBytes } from "../testkit/proc";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { report, runBench } from "./support/report";
import { median, round, slope } from "./support/stats";
import { runViewers } from "./support/viewers";

const MIB = 1024 * 1024;
const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    viewers: { type: "string", default: "100" },
    minutes: { type: "string", default: "10" },
  },
  strict: true,
});
const VIEWERS = values.smoke ? 10 : Number(values.viewers);
const DURATION_MS = values.smoke ? 6_000 : Number(values.minutes) * 60_000;
const SAMPLE_EVERY_MS = values.smoke ? 1_000 : 10_000;
/** First and last stretch compared: a minute, or a sixth of a shorter run. */
const WINDOW_MS = Math.min(60_000, DURATION_MS / 6);

async function main(): Promise<void> {
  let exchange: Running | undefined;
  let app: Running | undefined;
  try {
    exchange = await startExchange();
    app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, BALANCES_CACHE_TTL_MS: String(CACHE_TTL_MS) } });
    const pid = app.pid;
    const samples: { seconds: number; rssMiB: number }[] = [{ seconds: 0, rssMiB: round(rssBytes(pid) / MIB, 1) }];
    const load = await runViewers({
      appUrl: app.url,
      viewers: VIEWERS,
      intervalMs: POLL_INTERVAL_MS,
      durationMs: DURATION_MS,
      sampleEveryMs: SAMPLE_EVERY_MS,
      onSample: (elapsedMs) => samples.push({ seconds: Math.round(elapsedMs / 1000), rssMiB: round(rssBytes(pid) / MIB, 1) }),
    });
    const first = samples.filter((s) => s.seconds > 0 && s.seconds <= WINDOW_MS / 1000).map((s) => s.rssMiB);
    const last = samples.filter((s) => s.seconds >= (DURATION_MS - WINDOW_MS) / 1000).map((s) => s.rssMiB);
    // Growth after the first minute: start-up allocations and JIT warm-up are not a leak.
    const settled = samples.filter((s) => s.seconds >= WINDOW_MS / 1000);
    report("memory", {
      settings: { viewers: VIEWERS, durationSeconds: DURATION_MS / 1000, pollIntervalMs: POLL_INTERVAL_MS, cacheTtlMs: CACHE_TTL_MS, sampleEverySeconds: SAMPLE_EVERY_MS / 1000 },
      load,
      rss: {
        startMiB: samples[0]?.rssMiB,
        firstWindowMedianMiB: median(first),
        lastWindowMedianMiB: median(last),
        maxMiB: Math.max(...samples.map((s) => s.rssMiB)),
        slopeAfterFirstWindowMiBPerMinute: round(slope(settled.map((s) => ({ x: s.seconds / 60, y: s.rssMiB }))), 2),
      },
      samples,
    });
  } finally {
    await stopAll([app, exchange]);
  }
}

runBench(main);
