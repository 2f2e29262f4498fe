/**
 * A real PostgreSQL server (Debian's postgresql package) on a free port for one test file or
 * benchmark: a throwaway cluster in a temp dir, loopback only, run as the `postgres` user when we
 * are root (PostgreSQL refuses root), stopped by `stop()` or when the parent exits.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { freePort } from "./processes";

/** Where Debian's postgresql package puts each major version's server binaries. */
const DEBIAN_POSTGRES_ROOT = "/usr/lib/postgresql";

/** POSTGRES_BIN_DIR, else the newest major version Debian installed (15 on bookworm, 17 on trixie). */
function serverBinDir(): string {
  if (process.env.POSTGRES_BIN_DIR) return process.env.POSTGRES_BIN_DIR;
  const versions = existsSync(DEBIAN_POSTGRES_ROOT)
    ? readdirSync(DEBIAN_POSTGRES_ROOT).filter((version) => existsSync(path.join(DEBIAN_POSTGRES_ROOT, version, "bin", "initdb")))
    : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  return path.join(DEBIAN_POSTGRES_ROOT, newest ?? "<none installed>", "bin");
}

export const POSTGRES_BIN_DIR = serverBinDir();
const SERVER_USER = "postgres";
const START_TIMEOUT_SECONDS = 60;
// Not UTC, like many real servers: timestamps must read back right whatever the session zone.

export interface PostgresServer {
  readonly port: number;
  /** postgres:// URL of the server's default database. */
  readonly url: string;
  /** A new, empty database on the server, for one test. */
  createDatabase(): Promise<string>;
  stop(): void;
}

function binary(name: string): string {
  const file = path.join(POSTGRES_BIN_DIR, name);
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: install PostgreSQL (bash scripts/setup.sh, or apt-get install postgresql) or set POSTGRES_BIN_DIR`);
  }
  return file;
}

/** Runs a server binary as the postgres user when we are root, else as ourselves. */
function run(name: string, args: string[]): void {
  const asRoot = process.getuid?.() === 0;
  const [command, commandArgs] = asRoot ? ["runuser", ["-u", SERVER_USER, "--", binary(name), ...args]] : [binary(name), args];
  const result = spawnSync(command, commandArgs, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${name} ${args.join(" ")} failed (${result.status}): ${result.stderr || result.stdout || result.error?.message}`);
  }
}

export async function startPostgres(): Promise<PostgresServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "postgres-test-"));
  const cluster = path.join(dir, "cluster");
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync("id", ["-u", SERVER_USER], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", SERVER_USER], { encoding: "utf8" }).trim());
    chownSync(dir, uid, gid);
  }
  const port = await freePort();
  run("initdb", ["-D", cluster, "-U", SERVER_USER, "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c TimeZone=Asia/Kolkata`;
  run("pg_ctl", ["-D", cluster, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", String(START_TIMEOUT_SECONDS), "start"]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", stop);
    try {
      run("pg_ctl", ["-D", cluster, "-m", "immediate", "-w", "stop"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.once("exit", stop);
  const url = `postgres://${SERVER_USER}@127.0.0.1:${port}/postgres`;
  return {
    port,
    url,
    createDatabase: async () => {
      const name = `test_${randomBytes(6).toString("hex")}`;
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://${SERVER_USER}@127.0.0.1:${port}/${name}`;
    },
    stop,
  };
}
