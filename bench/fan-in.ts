/**
 * Fan-in: how upstream calls grow with open dashboards. N simulated dashboards poll
 * /api/balances for 60 s, spread over 4 (account, pending) pairs; the demo exchange counts what
 * reaches it. With the balances cache, the count should stay at one call per cache window per
 * (account, pending), whatever N is.
 */
import { parseArgs } from "node:util";
import { callsBetween, demoExchange } from "../testkit/demo-exchange";
import { CACHE_TTL_MS, DASHBOARD_REFRESH_MS, POLL_INTERVAL_MS } from "./support/polling";
import { cpuSeconds } from "../testkit/proc";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
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
  let exchange: Running | undefined;
  let app: Running | undefined;
  try {
    exchange = await startExchange();
    app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, BALANCES_CACHE_TTL_MS: String(CACHE_TTL_MS) } });
    // The master key's account list is fetched once and kept a minute: fetch it before counting.
    await fetch(`${app.url}/api/accounts`);
    const runs = [];
    for (const viewers of VIEWER_COUNTS) {
      await demoExchange(exchange.url).clearRequests();
      const before = await demoExchange(exchange.url).stats();
      const cpuBefore = cpuSeconds(app.pid);
      const result = await runViewers({ appUrl: app.url, viewers, intervalMs: POLL_INTERVAL_MS, durationMs: DURATION_MS });
      const after = await demoExchange(exchange.url).stats();
      const perMinute = (count: number) => round((count * 60_000) / DURATION_MS, 1);
      const balancesCalls = callsBetween(before, after, "/v1/balances");
      const byView = await demoExchange(exchange.url).balancesCallsByView();
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
