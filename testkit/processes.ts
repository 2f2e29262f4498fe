/**
 * The one way a test, spec or benchmark starts a process of its own: on a free port, its output
 * kept (logs to scan), its pid exposed (/proc readings, signals), and stopped when the runner
 * exits, even when the runner is killed: on Linux the kernel sends SIGKILL to the child when its
 * parent dies (setpriv --pdeathsig), elsewhere an exit handler does it for every exit that runs one.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { seedDataDir } from "./store-template";

const POLL_MS = 200;
const SETPRIV = "/usr/bin/setpriv";

export interface Spawned {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<number | string>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/** A process listening on `url`, ready once its readiness path answered 200. */
export interface Running extends Spawned {
  readonly url: string;
  readonly port: number;
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const localUrl = (port: number) => `http://127.0.0.1:${port}`;

/** A user and group to run as (only root may switch). */
export interface RunAs {
  uid: number;
  gid: number;
}

/** Starts `command` with exactly `env` (plus PATH and HOME): nothing of the runner's environment leaks in. */
export function spawnProcess(
  command: string,
  args: readonly string[],
  env: Record<string, string>,
  { cwd, runAs }: { cwd?: string; runAs?: RunAs } = {},
): Spawned {
  // setpriv execs the command: same pid, same exit code, and the kernel kills it if the runner dies.
  const [program, argv]: [string, string[]] = existsSync(SETPRIV) ? [SETPRIV, ["--pdeathsig", "KILL", "--", command, ...args]] : [command, [...args]];
  const child = spawn(program, argv, {
    cwd,
    ...runAs,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`${command}: could not start`);
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const exited = new Promise<number | string>((resolve) => {
    child.on("exit", (code, signal) => {
      process.off("exit", killOnExit);
      resolve(code ?? signal ?? "unknown");
    });
  });
  return {
    child,
    pid: child.pid,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Polls until the URL answers 200, or throws with the process's output if it exits first. */
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

/** The standalone demo exchange (`npm run demo-exchange`), e.g. with `["--no-drift"]`. */
export async function startExchange(args: readonly string[] = []): Promise<Running> {
  const port = await freePort();
  const server = spawnProcess("node", ["--conditions=react-server", "--import", "tsx", "bin/demo-exchange.ts", "--port", String(port), ...args], {});
  await waitForUrl(`${localUrl(port)}/__demo/health`, server);
  return { ...server, url: localUrl(port), port };
}

export interface AppOptions {
  /** The app's whole configuration, e.g. `{ DEMO_EXCHANGE_URL: exchange.url }` or a live one. */
  env: Record<string, string>;
  /** The command and its directory: `npm start`'s (`node .next/standalone/server.js`) by default. */
  command?: readonly [string, ...string[]];
  cwd?: string;
  /** What the host or image sets (e.g. the Dockerfile's ENV); PORT and `env` win. */
  baseEnv?: Record<string, string>;
  /** Another user than this process's, as the image's USER. */
  runAs?: RunAs;
}

/**
 * What every app a test starts gets unless the test says otherwise: a history store of its own (a
 * temporary DATA_DIR, removed when it stops; two apps on one PGlite folder would rightly refuse),
 * no in-process snapshot schedule (a tick would add upstream calls a test does not expect) and no
 * seeded demo history.
 */
function historyDefaults(given: Record<string, string>, runAs: RunAs | undefined): { env: Record<string, string>; cleanup(): void } {
  const env: Record<string, string> = {};
  if (!("SNAPSHOT_SCHEDULE" in given)) env.SNAPSHOT_SCHEDULE = "off";
  // Nor the demo's 90 seeded days: a test counts the snapshots it takes.
  if (!("DEMO_HISTORY" in given)) env.DEMO_HISTORY = "off";
  if ("DATA_DIR" in given) return { env, cleanup: () => undefined };
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "app-data-"));
  if (runAs) chownSync(dataDir, runAs.uid, runAs.gid);
  seedDataDir(dataDir, runAs);
  env.DATA_DIR = dataDir;
  return { env, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** The production build (`npm run build` first) on a free port, not waited for: for servers that must refuse to start. */
export async function launchApp({ env, command = ["node", ".next/standalone/server.js"], cwd, baseEnv = {}, runAs }: AppOptions): Promise<Running> {
  const port = await freePort();
  const [program, ...args] = command;
  const history = historyDefaults({ ...baseEnv, ...env }, runAs);
  const server = spawnProcess(
    program,
    args,
    { NEXT_TELEMETRY_DISABLED: "1", HOSTNAME: "127.0.0.1", ...history.env, ...baseEnv, PORT: String(port), ...env },
    { cwd, runAs },
  );
  void server.exited.then(history.cleanup);
  return { ...server, url: localUrl(port), port };
}

/** The production build, ready: /api/health answered. */
export async function startApp(options: AppOptions): Promise<Running> {
  const app = await launchApp(options);
  await waitForUrl(`${app.url}/api/health`, app);
  return app;
}

/** Stops every process, even when one of them fails to stop. */
export async function stopAll(processes: readonly ({ stop(): Promise<void> } | undefined)[]): Promise<void> {
  await Promise.allSettled(processes.map((started) => started?.stop()));
}
