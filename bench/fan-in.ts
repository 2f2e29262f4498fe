/**
 * Fan-in: how upstream calls grow with open dashboards. N simulated dashboards poll
 * /api/balances for 60 s, spread over 4 (account, pending) pairs; the demo exchange counts what
 * reaches it. With the balances cache, the count should stay at one call per cache window per
 * (account, pending), whatever N is.
 */
import { parseArgs } from "node:util";
import { balancesCallsByView, callsBetween, clearRecordedRequests, exchangeStats } from "../e2e/support/exchange";
import { CACHE_TTL_MS, DASHBOARD_REFRESH_MS, POLL_INTERVAL_MS } from "./support/polling";
import { BENCH } from "./support/ports";
import { cpuSeconds } from "./support/proc";
import { startApp, startExchange, stopAll, type RunningProcess } from "../e2e/support/processes";
import { report, runBench } from "./support/report";
import { round } from "./support/stats";
import { runViewers } from "./support/viewers";

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    viewers: { type: "string", default: "1,10,100,1000" },
    seconds: { type: "string", default: "60" },
  },
  strict: true,
});
const VIEWER_COUNTS = (values.smoke ? "1,10" : values.viewers).split(",").map(Number);
const DURATION_MS = (values.smoke ? 3 : Number(values.seconds)) * 1000;

async function main(): Promise<void> {
  let exchange: RunningProcess | undefined;
  let app: RunningProcess | undefined;
  try {
    exchange = await startExchange({ port: BENCH.exchange });
    app = await startApp({ port: BENCH.app, exchangeUrl: exchange.url, env: { BALANCES_CACHE_TTL_MS: String(CACHE_TTL_MS) } });
    // The master key's account list is fetched once and kept a minute: fetch it before counting.
    await fetch(`${app.url}/api/accounts`);
    const runs = [];
    for (const viewers of VIEWER_COUNTS) {
      await clearRecordedRequests(exchange.url);
      const before = await exchangeStats(exchange.url);
      const cpuBefore = cpuSeconds(app.pid);
      const result = await runViewers({ appUrl: app.url, viewers, intervalMs: POLL_INTERVAL_MS, durationMs: DURATION_MS });
      const after = await exchangeStats(exchange.url);
      const perMinute = (count: number) => round((count * 60_000) / DURATION_MS, 1);
      const balancesCalls = callsBetween(before, after, "/v1/balances");
      const byView = await balancesCallsByView(exchange.url);
      runs.push({
        viewers,
        ...result,
        upstreamBalancesPerMinute: perMinute(balancesCalls),
        upstreamAccountListPerMinute: perMinute(callsBetween(before, after, "/v1/account/list")),
        upstreamBalancesPerMinuteByView: Object.fromEntries(Object.entries(byView).map(([view, count]) => [view, perMinute(count)])),
        rejectedNonces: after.rejectedNonces - before.rejectedNonces,
        serverCpuSecondsPerMinute: round(((cpuSeconds(app.pid) - cpuBefore) * 60_000) / DURATION_MS, 2),
      });
      console.error(`fan-in: ${viewers} viewers -> ${perMinute(balancesCalls)} upstream balances calls a minute`);
    }
    report("fan-in", {
      settings: {
        durationSeconds: DURATION_MS / 1000,
        pollIntervalMs: POLL_INTERVAL_MS,
        dashboardRefreshMs: DASHBOARD_REFRESH_MS,
        cacheTtlMs: CACHE_TTL_MS,
        // One miss per window, plus one when a window straddles the start.
        boundPerViewPerMinute: Math.ceil(60_000 / CACHE_TTL_MS) + 1,
      },
      runs,
    });
  } finally {
    await stopAll([app, exchange]);
  }
}

runBench(main);
