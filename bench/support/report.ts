/** What every benchmark prints and saves: the machine, the date, the command, and its figures. */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";

export interface Machine {
  /** When the benchmark started. */
  date: string;
  nproc: number;
  cpuModel: string;
  ramGiB: number;
  node: string;
  next: string;
  commit: string;
  /** 1-minute load average at the start: the machine is shared, so this says how quiet it was. */
  loadAverage: number;
}

function machine(): Machine {
  const next = JSON.parse(readFileSync("node_modules/next/package.json", "utf8")) as { version: string };
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    // not a git checkout
  }
  return {
    date: new Date().toISOString(),
    nproc: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    ramGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    next: next.version,
    commit,
    loadAverage: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

function command(): string {
  return `npm run bench:${process.env.npm_lifecycle_event?.replace(/^bench:/, "") ?? "?"}${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`;
}

/** Read when the benchmark starts (this module loads first): the load average before it adds its own. */
const atStart = machine();

/** Prints the result and keeps it in bench/results/NAME.json (not committed) for docs/benchmarks.md. */
export function report(name: string, result: object): void {
  const record = { name, command: command(), machine: { ...atStart, finished: new Date().toISOString() }, ...result };
  const text = JSON.stringify(record, null, 2);
  console.log(text);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync(`bench/results/${name}.json`, `${text}\n`);
}

/** Runs a benchmark's main: a failure prints and makes the npm script exit non-zero. */
export function runBench(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
