/**
 * The processes a benchmark measures: a standalone demo exchange and the production standalone app,
 * each in its own OS process so its CPU time and memory can be read from /proc.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { appUrl, exchangeUrl } from "../../e2e/support/servers";

const READY_TIMEOUT_MS = 60_000;
const READY_POLL_MS = 100;
/** A process that ignores SIGTERM this long is killed. */
const STOP_GRACE_MS = 10_000;

export interface RunningProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface ExchangeOptions {
  port: number;
  latencyMs?: number;
}

export interface AppOptions {
  port: number;
  exchangeUrl: string;
  /** Extra environment, e.g. BALANCES_CACHE_TTL_MS. */
  env?: Record<string, string>;
  /** The standalone server to run; the repository's build by default. */
  serverScript?: string;
}

export async function startExchange({ port, latencyMs = 0 }: ExchangeOptions): Promise<RunningProcess> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "bin/demo-exchange.ts", "--port", String(port), "--latency-ms", String(latencyMs)],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const url = exchangeUrl(port);
  return running(child, url, `${url}/__demo/stats`);
}

/** `node .next/standalone/server.js`, as `npm start` and the Docker image run it, in demo mode over HTTP. */
export async function startApp({ port, exchangeUrl: upstream, env = {}, serverScript = ".next/standalone/server.js" }: AppOptions): Promise<RunningProcess> {
  const child = spawn(process.execPath, [serverScript], {
    // A clean environment: a developer's own GEMINI_* or .env must not change what is measured.
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      DEMO_EXCHANGE_URL: upstream,
      ...env,
    },
    // Access logs go to stdout: discarding them keeps the pipe from slowing the server down.
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = appUrl(port);
  return running(child, url, `${url}/api/health`);
}

async function running(child: ChildProcess, url: string, readyUrl: string): Promise<RunningProcess> {
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${readyUrl}: the process exited with ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(readyUrl);
      await response.arrayBuffer();
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${readyUrl} did not answer within ${READY_TIMEOUT_MS} ms`);
    }
    await sleep(READY_POLL_MS);
  }
  if (child.pid === undefined) throw new Error("spawned process has no pid");
  return { url, pid: child.pid, stop };
}

/** Stops every process, even when one of them fails to stop. */
export async function stopAll(processes: readonly (RunningProcess | undefined)[]): Promise<void> {
  await Promise.allSettled(processes.map((process) => process?.stop()));
}
