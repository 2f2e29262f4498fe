/**
 * Servers a spec starts itself, when it needs their output (logs to scan) or their exit
 * (a configuration that must refuse to start). Playwright's webServer can give neither.
 */
import { spawn, type ChildProcess } from "node:child_process";
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

export function spawnProcess(command: string, args: string[], env: Record<string, string>): Spawned {
  const child = spawn(command, args, {
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
