/**
 * Proxy overhead: what the dashboard adds to one balances call. The same autocannon client, in the
 * same run, alternates between GET /api/balances on the standalone app (cache off) and a direct
 * signed POST /v1/balances to the demo exchange the app talks to, one request at a time (the app
 * sends one call per key at a time anyway). Added latency = app - direct, at the median and p99.
 */
import { parseArgs } from "node:util";
import { DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET } from "@/lib/demo-exchange/credentials";
import { signRequest } from "@/lib/gemini/sign";
import { load, type LoadResult } from "./support/load";
import { BENCH } from "./support/ports";
import { cpuSeconds } from "./support/proc";
import { startApp, startExchange, stopAll, type RunningProcess } from "../e2e/support/processes";
import { report } from "./support/report";
import { median, percentile, round } from "./support/stats";

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    rounds: { type: "string", default: "6" },
    seconds: { type: "string", default: "10" },
  },
  strict: true,
});
const ROUNDS = values.smoke ? 1 : Number(values.rounds);
const SECONDS_PER_PHASE = values.smoke ? 1 : Number(values.seconds);
const WARMUP_SECONDS = values.smoke ? 1 : 5;

// The app signs with the master key for account "primary"; the direct calls use the key bound to
// "primary": same balances, same body size, and the two never race for one key's nonces.
const APP_PATH = "/api/balances?account=primary&pending=false";

let directNonce = BigInt(Date.now()) * 1000n;

function signedDirectRequest() {
  directNonce += 1n;
  return {
    method: "POST" as const,
    path: "/v1/balances",
    headers: signRequest({ apiKey: DEMO_ACCOUNT_KEY, apiSecret: DEMO_ACCOUNT_SECRET, path: "/v1/balances", nonce: directNonce.toString() }),
  };
}

async function direct(exchange: RunningProcess, seconds: number): Promise<LoadResult> {
  return load({
    url: exchange.url,
    connections: 1,
    duration: seconds,
    requests: [{ setupRequest: (request) => ({ ...request, ...signedDirectRequest() }) }],
  });
}

async function viaApp(app: RunningProcess, path: string, seconds: number): Promise<LoadResult & { cpuSeconds: number }> {
  const before = cpuSeconds(app.pid);
  const result = await load({ url: `${app.url}${path}`, connections: 1, duration: seconds });
  return { ...result, cpuSeconds: cpuSeconds(app.pid) - before };
}

function summary(latencies: readonly number[]) {
  return { requests: latencies.length, medianMs: round(median(latencies)), p99Ms: round(percentile(latencies, 99)) };
}

async function main(): Promise<void> {
  let exchange: RunningProcess | undefined;
  let app: RunningProcess | undefined;
  try {
    exchange = await startExchange({ port: BENCH.exchange });
    app = await startApp({ port: BENCH.app, exchangeUrl: exchange.url, env: { BALANCES_CACHE_TTL_MS: "0" } });

    await direct(exchange, WARMUP_SECONDS);
    await viaApp(app, APP_PATH, WARMUP_SECONDS);
    await viaApp(app, "/api/health", WARMUP_SECONDS);

    const directLatencies: number[] = [];
    const appLatencies: number[] = [];
    const healthLatencies: number[] = [];
    let appCpuSeconds = 0;
    let healthCpuSeconds = 0;
    let failed = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      // Alternate the order so drift on a shared machine falls on both sides alike.
      const first = round % 2 === 0;
      if (first) {
        const d = await direct(exchange, SECONDS_PER_PHASE);
        directLatencies.push(...d.latencies);
        failed += d.failed;
      }
      const a = await viaApp(app, APP_PATH, SECONDS_PER_PHASE);
      appLatencies.push(...a.latencies);
      appCpuSeconds += a.cpuSeconds;
      failed += a.failed;
      const h = await viaApp(app, "/api/health", SECONDS_PER_PHASE);
      healthLatencies.push(...h.latencies);
      healthCpuSeconds += h.cpuSeconds;
      failed += h.failed;
      if (!first) {
        const d = await direct(exchange, SECONDS_PER_PHASE);
        directLatencies.push(...d.latencies);
        failed += d.failed;
      }
    }
    if (failed > 0) throw new Error(`${failed} requests failed: the figures would not be comparable`);

    const directSummary = summary(directLatencies);
    const appSummary = summary(appLatencies);
    report("overhead", {
      settings: { rounds: ROUNDS, secondsPerPhase: SECONDS_PER_PHASE, connections: 1, cache: "off (BALANCES_CACHE_TTL_MS=0)" },
      direct: directSummary,
      app: { ...appSummary, cpuMsPerRequest: round((appCpuSeconds * 1000) / appLatencies.length) },
      health: { ...summary(healthLatencies), cpuMsPerRequest: round((healthCpuSeconds * 1000) / healthLatencies.length) },
      added: { medianMs: round(appSummary.medianMs - directSummary.medianMs), p99Ms: round(appSummary.p99Ms - directSummary.p99Ms) },
    });
  } finally {
    await stopAll([app, exchange]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
