/**
 * Servers a spec starts itself, when it needs their output (logs to scan) or their exit
 * (a configuration that must refuse to start). Playwright's webServer can give neither.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";
import { appUrl, exchangeUrl } from "./servers";

const POLL_MS = 200;

export interface Spawned {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<number | string>;
  stop(): Promise<void>;
}

/** A user and group to run as (only root may switch). */
export interface RunAs {
  uid: number;
  gid: number;
}

export function spawnProcess(command: string, args: string[], env: Record<string, string>, { cwd, runAs }: { cwd?: string; runAs?: RunAs } = {}): Spawned {
  const child = spawn(command, args, {
    cwd,
    ...runAs,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  return {
    child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The production standalone server with exactly this environment (plus PORT/HOSTNAME). */
export function spawnApp(port: number, env: Record<string, string>): Spawned {
  return spawnProcess("node", [".next/standalone/server.js"], { PORT: String(port), HOSTNAME: "127.0.0.1", ...env });
}

export function spawnExchange(port: number): Spawned {
  return spawnProcess("node", ["--conditions=react-server", "--import", "tsx", "bin/demo-exchange.ts", "--port", String(port)], {});
}

/** Polls until the URL answers 200, or throws if the process exits first. */
export async function waitForUrl(url: string, server: Spawned): Promise<void> {
  let exitCode: number | string | null = null;
  void server.exited.then((code) => (exitCode = code));
  for (;;) {
    if (exitCode !== null) throw new Error(`exited with ${exitCode} before ${url} answered:\n${server.output()}`);
    const ok = await fetch(url).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export async function startPair(app: number, exchange: number, env: Record<string, string>) {
  const exchangeProcess = spawnExchange(exchange);
  await waitForUrl(`${exchangeUrl(exchange)}/__demo/stats`, exchangeProcess);
  const appProcess = spawnApp(app, env);
  await waitForUrl(`${appUrl(app)}/api/health`, appProcess);
  return {
    app: appProcess,
    exchange: exchangeProcess,
    async stop() {
      await Promise.all([appProcess.stop(), exchangeProcess.stop()]);
    },
  };
}

/** A server that answers: its URL, and its pid for /proc readings (CPU time, memory). */
export interface RunningProcess extends Spawned {
  readonly url: string;
  readonly pid: number;
}

function running(server: Spawned, url: string): RunningProcess {
  const pid = server.child.pid;
  if (pid === undefined) throw new Error(`${url}: the process has no pid`);
  return { ...server, url, pid };
}

/** Refuses a port something already answers on: waiting for "ready" would otherwise accept that server. */
async function assertPortFree(port: number): Promise<void> {
  const inUse = await new Promise<boolean>((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
  if (inUse) throw new Error(`port ${port} is already in use: another run is on it (set E2E_PORT_OFFSET)`);
}

export async function startExchange({ port }: { port: number }): Promise<RunningProcess> {
  await assertPortFree(port);
  const server = spawnExchange(port);
  const url = exchangeUrl(port);
  await waitForUrl(`${url}/__demo/stats`, server);
  return running(server, url);
}

export interface AppOptions {
  port: number;
  /** The demo exchange the app talks to over HTTP (DEMO_EXCHANGE_URL). */
  exchangeUrl: string;
  /** Extra environment, e.g. BALANCES_CACHE_TTL_MS. */
  env?: Record<string, string>;
  /** The command and its directory: `npm start`'s (`node .next/standalone/server.js`) by default. */
  command?: readonly [string, ...string[]];
  cwd?: string;
  /** What the host or image sets (e.g. the Dockerfile's ENV); PORT, DEMO_EXCHANGE_URL and `env` win. */
  baseEnv?: Record<string, string>;
  /** Another user than this process's, as the image's USER. */
  runAs?: RunAs;
}

/** The production app in demo mode against a demo exchange over HTTP. */
export async function startApp({
  port,
  exchangeUrl: upstream,
  env = {},
  command = ["node", ".next/standalone/server.js"],
  cwd,
  baseEnv = {},
  runAs,
}: AppOptions): Promise<RunningProcess> {
  await assertPortFree(port);
  const [program, ...args] = command;
  const server = spawnProcess(program, args, { HOSTNAME: "127.0.0.1", ...baseEnv, PORT: String(port), DEMO_EXCHANGE_URL: upstream, ...env }, { cwd, runAs });
  const url = appUrl(port);
  await waitForUrl(`${url}/api/health`, server);
  return running(server, url);
}

/** Stops every server, even when one of them fails to stop. */
export async function stopAll(servers: readonly (Spawned | undefined)[]): Promise<void> {
  await Promise.allSettled(servers.map((server) => server?.stop()));
}
