/**
 * Proxy overhead: what the dashboard adds to one balances call. The same client, in the same run,
 * alternates between GET /api/balances on the standalone app (cache off) and a direct signed
 * POST /v1/balances to the demo exchange the app talks to, one request at a time, paced below the
 * key's call budget so no call queues for a slot. Added latency = app - direct, at the median
 * and p99; server CPU per request from /proc.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET } from "@/lib/demo-exchange/credentials";
import { signRequest } from "@/lib/gemini/sign";
import { paced, type PacedResult } from "./support/paced";
import { cpuSeconds } from "../testkit/proc";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { report, runBench } from "./support/report";
import { median, percentile, round } from "./support/stats";

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    rounds: { type: "string", default: "6" },
    seconds: { type: "string", default: "10" },
    "baseline-server": { type: "string" },
  },
  strict: true,
});
const ROUNDS = values.smoke ? 1 : Number(values.rounds);
const SECONDS_PER_PHASE = values.smoke ? 1 : Number(values.seconds);
const WARMUP_SECONDS = values.smoke ? 1 : 5;
const IDLE_SECONDS = values.smoke ? 1 : 10;
/** The app may then call Gemini every 100 ms (GEMINI_CALLS_PER_SECOND's maximum)... */
const CALLS_PER_SECOND = 10;
/** ...and is asked half as often, so scheduling delays on a busy machine never make a call wait for its slot. */
const PACE_MS = 200;
const APP_ENV = { BALANCES_CACHE_TTL_MS: "0", GEMINI_CALLS_PER_SECOND: String(CALLS_PER_SECOND) };

// The app signs with the master key for account "primary"; the direct calls use the key bound to
// "primary": same balances, same body size, and the two never race for one key's nonces.
const APP_PATH = "/api/balances?account=primary&pending=false";

let directNonce = BigInt(Date.now()) * 1000n;

function signedDirectHeaders(): Record<string, string> {
  directNonce += 1n;
  return signRequest({ apiKey: DEMO_ACCOUNT_KEY, apiSecret: DEMO_ACCOUNT_SECRET, path: "/v1/balances", nonce: directNonce.toString() });
}

function direct(exchange: Running, seconds: number): Promise<PacedResult> {
  return paced(exchange.url, { method: "POST", path: "/v1/balances", headers: signedDirectHeaders }, { everyMs: PACE_MS, durationMs: seconds * 1000 });
}

async function viaApp(app: Running, path: string, seconds: number): Promise<PacedResult & { cpuSeconds: number }> {
  const before = cpuSeconds(app.pid);
  const result = await paced(app.url, { method: "GET", path }, { everyMs: PACE_MS, durationMs: seconds * 1000 });
  return { ...result, cpuSeconds: cpuSeconds(app.pid) - before };
}

function summary(latencies: readonly number[]) {
  return { requests: latencies.length, medianMs: round(median(latencies)), p99Ms: round(percentile(latencies, 99)) };
}

interface Series {
  name: string;
  run: (seconds: number) => Promise<PacedResult & { cpuSeconds?: number }>;
  latencies: number[];
  cpuSeconds: number;
}

const series = (name: string, run: Series["run"]): Series => ({ name, run, latencies: [], cpuSeconds: 0 });

async function main(): Promise<void> {
  const processes: Running[] = [];
  try {
    const exchange = await startExchange();
    processes.push(exchange);
    const app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, ...APP_ENV } });
    processes.push(app);
    const all = [
      series("direct", (seconds) => direct(exchange, seconds)),
      series("app", (seconds) => viaApp(app, APP_PATH, seconds)),
      series("health", (seconds) => viaApp(app, "/api/health", seconds)),
    ];
    if (values["baseline-server"]) {
      // Another build (e.g. before a change) on its own exchange, measured in the same rounds.
      const baselineExchange = await startExchange();
      processes.push(baselineExchange);
      const baseline = await startApp({
        env: { DEMO_EXCHANGE_URL: baselineExchange.url, ...APP_ENV },
        command: ["node", values["baseline-server"]],
      });
      processes.push(baseline);
      all.push(series("baseline", (seconds) => viaApp(baseline, APP_PATH, seconds)));
    }

    for (const each of all) await each.run(WARMUP_SECONDS);
    // What the idle server burns (timers, GC): at a few requests a second it is not negligible.
    const idleBefore = cpuSeconds(app.pid);
    await sleep(IDLE_SECONDS * 1000);
    const idleCpuPerSecond = (cpuSeconds(app.pid) - idleBefore) / IDLE_SECONDS;
    let failed = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      // Rotate the order each round so drift on a shared machine falls on every series alike.
      for (let index = 0; index < all.length; index += 1) {
        const each = all[(index + round) % all.length]!;
        const result = await each.run(SECONDS_PER_PHASE);
        each.latencies.push(...result.latencies);
        each.cpuSeconds += result.cpuSeconds ?? 0;
        failed += result.failed;
      }
    }
    if (failed > 0) throw new Error(`${failed} requests failed: the figures would not be comparable`);

    const figures = Object.fromEntries(
      all.map((each) => [
        each.name,
        {
          ...summary(each.latencies),
          ...(each.name === "direct"
            ? {}
            : {
                cpuMsPerRequest: round((each.cpuSeconds * 1000) / each.latencies.length),
                cpuMsPerRequestLessIdle: round(((each.cpuSeconds - idleCpuPerSecond * ROUNDS * SECONDS_PER_PHASE) * 1000) / each.latencies.length),
              }),
        },
      ]),
    );
    const directMedian = median(all[0]!.latencies);
    const directP99 = percentile(all[0]!.latencies, 99);
    const appLatencies = all[1]!.latencies;
    report("overhead", {
      settings: {
        rounds: ROUNDS,
        secondsPerPhase: SECONDS_PER_PHASE,
        paceMs: PACE_MS,
        env: APP_ENV,
        baselineServer: values["baseline-server"] ?? null,
      },
      idleServerCpuMsPerSecond: round(idleCpuPerSecond * 1000),
      ...figures,
      added: { medianMs: round(median(appLatencies) - directMedian), p99Ms: round(percentile(appLatencies, 99) - directP99) },
    });
  } finally {
    await stopAll(processes);
  }
}

runBench(main);
