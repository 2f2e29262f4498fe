/**
 * Load benchmark (issue 5): 200 concurrent clients for 30 s against /api/balances on two production
 * instances sharing one redis-server and one demo master key, the exchange answering after 50 ms.
 * Checks: zero non-2xx, zero nonce rejections, at most one upstream call per cache window per
 * (account, pending); reports p50/p99 latency and the instances' memory.
 *
 *   npm run build && npm run bench:load
 *   BENCH_DURATION_S=10 BENCH_CONNECTIONS=50 npm run bench:load   # a quicker look
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import autocannon from "autocannon";
import { DEMO_MASTER_KEY } from "../lib/demo-exchange/credentials";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { startRedis } from "../testkit/redis-server";
import { runBench } from "./support/report";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 200);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 30);
const UPSTREAM_LATENCY_MS = 50;
const CACHE_TTL_MS = 5_000; // the default BALANCES_CACHE_TTL_MS
const PATHS = ["primary", "treasury"].flatMap((account) =>
  [false, true].map((pending) => `/api/balances?account=${account}&pending=${pending}`),
);
const MEMORY_SAMPLE_MS = 500;

interface Stats {
  total: number;
  byPath: Record<string, number>;
  rejectedNonces: number;
  maxInFlightByKey: Record<string, number>;
}

/** Resident memory of a process in MiB, from /proc (Linux). */
function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

async function main(): Promise<void> {
  const processes: { stop(): Promise<void> }[] = [];
  try {
    const redis = await startRedis();
    processes.push(redis);
    const exchange = await startExchange(["--latency-ms", String(UPSTREAM_LATENCY_MS)]);
    processes.push(exchange);
    const env = { DEMO_EXCHANGE_URL: exchange.url, REDIS_URL: redis.url, BALANCES_CACHE_TTL_MS: String(CACHE_TTL_MS) };
    const apps: Running[] = [];
    for (let instance = 0; instance < 2; instance += 1) {
      apps.push(await startApp({ env }));
      processes.push(apps.at(-1)!);
    }
    for (const app of apps) for (const path of PATHS) await fetch(`${app.url}${path}`); // warm up (JIT, account list)
    await fetch(`${exchange.url}/__demo/requests`, { method: "DELETE" });

    const peakMiB = apps.map(() => 0);
    const sampler = setInterval(() => {
      apps.forEach((app, index) => (peakMiB[index] = Math.max(peakMiB[index]!, rssMiB(app.pid))));
    }, MEMORY_SAMPLE_MS);
    const loadAtStart = os.loadavg().map((load) => load.toFixed(1)).join(" / ");
    const startedAt = Date.now();
    const results = await Promise.all(
      apps.map((app) =>
        autocannon({
          url: app.url,
          connections: CONNECTIONS / apps.length,
          duration: DURATION_S,
          requests: PATHS.map((path) => ({ method: "GET" as const, path })),
        }),
      ),
    );
    const elapsedMs = Date.now() - startedAt;
    clearInterval(sampler);
    const stats = (await (await fetch(`${exchange.url}/__demo/stats`)).json()) as Stats;

    const total = results.reduce((sum, result) => sum + result.requests.total, 0);
    const non2xx = results.reduce((sum, result) => sum + result.non2xx + result.errors + result.timeouts, 0);
    const upstream = stats.byPath["/v1/balances"] ?? 0;
    const upstreamBound = PATHS.length * (Math.floor(elapsedMs / CACHE_TTL_MS) + 1);
    const checks = {
      "zero non-2xx, errors or timeouts": non2xx === 0,
      "zero nonce rejections": stats.rejectedNonces === 0,
      "one call in flight per key": (stats.maxInFlightByKey[DEMO_MASTER_KEY] ?? 0) <= 1,
      [`upstream balances calls <= ${upstreamBound} (one per ${CACHE_TTL_MS} ms window per pair)`]: upstream <= upstreamBound,
    };

    const lines = [
      `- Date: ${new Date().toISOString()}`,
      `- Machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}, load average at start ${loadAtStart}`,
      `- Load: ${CONNECTIONS} connections (${CONNECTIONS / apps.length} per instance) for ${DURATION_S} s, ${PATHS.length} (account, pending) pairs, upstream latency ${UPSTREAM_LATENCY_MS} ms, cache ${CACHE_TTL_MS} ms`,
      "",
      "| Instance | Requests | Req/s (avg) | p50 ms | p99 ms | max ms | non-2xx | Peak RSS MiB |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      ...results.map(
        (result, index) =>
          `| ${index + 1} | ${result.requests.total} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${result.latency.max} | ${result.non2xx + result.errors + result.timeouts} | ${peakMiB[index]!.toFixed(0)} |`,
      ),
      "",
      `Status codes: ${JSON.stringify(results.map((result) => result.statusCodeStats))}`,
      ...apps.flatMap((app, index) => {
        const events = app.output().split("\n").filter((line) => line.startsWith("{") && !line.includes('"event":"startup"'));
        return events.length > 0 ? [`Instance ${index + 1} logged ${events.length} events, last: ${events.at(-1)}`] : [];
      }),
      "",
      `Total ${total} requests; upstream: ${upstream} balances calls (bound ${upstreamBound}), ${stats.byPath["/v1/account/list"] ?? 0} account-list calls, ${stats.rejectedNonces} nonce rejections, max in flight per key ${stats.maxInFlightByKey[DEMO_MASTER_KEY] ?? 0}.`,
      "",
      ...Object.entries(checks).map(([name, ok]) => `- ${ok ? "PASS" : "FAIL"}: ${name}`),
    ];
    console.log(lines.join("\n"));
    if (!Object.values(checks).every(Boolean)) process.exitCode = 1;
  } finally {
    await stopAll(processes);
  }
}

runBench(main);
