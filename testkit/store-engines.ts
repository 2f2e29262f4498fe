/**
 * The history store's two engines for unit tests: a real PostgreSQL server (one per test file) and
 * embedded PGlite, each new store a copy of one migrated template, since PGlite's first initdb is slow.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { openStore, type StoreOptions } from "@/lib/store";
import { startPostgres, type PostgresServer } from "./postgres-server";

export type Engine = "pglite" | "postgres";
export const ENGINES: readonly Engine[] = ["pglite", "postgres"];
/** PGlite's first start runs initdb in WebAssembly: slow on a busy machine. */
export const ENGINE_TIMEOUT_MS = 300_000;

export interface StoreEngines {
  /** Where a new, empty (migrated) store of this engine lives. */
  freshLocation(engine: Engine): Promise<StoreOptions>;
  /** A folder removed after the file's tests. */
  temporaryDir(prefix: string): string;
  /** A new empty database on the file's PostgreSQL server. */
  createDatabase(): Promise<string>;
}

/** Starts both engines before the file's tests and removes everything after them. */
export function useStoreEngines(): StoreEngines {
  const dirs: string[] = [];
  let server: PostgresServer | undefined;
  let pgliteTemplate: string | undefined;

  const temporaryDir = (prefix: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
  const started = () => {
    if (!server || !pgliteTemplate) throw new Error("useStoreEngines: the engines start in beforeAll");
    return { server, pgliteTemplate };
  };

  beforeAll(async () => {
    server = await startPostgres();
    pgliteTemplate = temporaryDir("store-template-");
    await (await openStore({ databaseUrl: null, dataDir: pgliteTemplate })).close();
  }, ENGINE_TIMEOUT_MS);

  afterAll(() => {
    server?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }, ENGINE_TIMEOUT_MS);

  return {
    temporaryDir,
    createDatabase: () => started().server.createDatabase(),
    async freshLocation(engine) {
      const dataDir = temporaryDir("store-data-");
      if (engine === "pglite") {
        cpSync(started().pgliteTemplate, dataDir, { recursive: true });
        return { databaseUrl: null, dataDir };
      }
      return { databaseUrl: await started().server.createDatabase(), dataDir };
    },
  };
}
