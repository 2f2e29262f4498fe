import "server-only";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { Pool } from "pg";
import { lockDataDir } from "./data-dir-lock";
import { schema } from "./schema";

/** Where the SQL migrations live; next.config.ts traces them into the standalone server. */
export const MIGRATIONS_FOLDER = path.join(process.cwd(), "lib", "store", "migrations");
/** PGlite keeps its cluster in this folder of DATA_DIR (the lock sits beside it). */
export const PGLITE_FOLDER = "pglite";
/** Held around migrations so two processes sharing one server migrate one after the other. */
const MIGRATION_LOCK_ID = 4_242_001_313;
const POOL_SIZE = 10;

export type StoreDatabase = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface StoreOptions {
  /** postgres:// or postgresql://; null for the embedded PGlite in dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  migrationsFolder?: string;
}

/** Runs SQL on one connection (a session), for session state such as advisory locks. */
export type SessionQuery = (text: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/** Lends one connection for the whole of `task`: PGlite's only one, or one of the pool's. */
export type WithSession = <T>(task: (query: SessionQuery) => Promise<T>) => Promise<T>;

export interface OpenDatabase {
  engine: "pglite" | "postgres";
  db: StoreDatabase;
  withSession: WithSession;
  close(): Promise<void>;
}

async function openPglite(dataDir: string, migrationsFolder: string): Promise<OpenDatabase> {
  const lock = await lockDataDir(dataDir);
  try {
    const client = await PGlite.create(path.join(dataDir, PGLITE_FOLDER));
    try {
      const db = drizzlePglite({ client, schema });
      await migratePglite(db, { migrationsFolder });
      return {
        engine: "pglite",
        db,
        withSession: (task) => task((text, params) => client.query<Record<string, unknown>>(text, params)),
        close: async () => {
          await client.close();
          await lock.release();
        },
      };
    } catch (error) {
      await client.close();
      throw error;
    }
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function openPostgres(databaseUrl: string, migrationsFolder: string): Promise<OpenDatabase> {
  // pg reads sslmode (disable, require, verify-full...) from the URL itself.
  const pool = new Pool({ connectionString: databaseUrl, max: POOL_SIZE });
  // An idle connection the server dropped: pg discards it and the next query reconnects. Without
  // a listener the "error" event would end the process.
  pool.on("error", (error) => console.warn(JSON.stringify({ event: "store_connection_lost", message: error.message })));
  try {
    const client = await pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
      try {
        await migrateNodePg(drizzleNodePg({ client, schema }), { migrationsFolder });
      } finally {
        await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  const withSession: WithSession = async (task) => {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      return await task((text, params) => client.query<Record<string, unknown>>(text, params));
    } catch (error) {
      // A connection that failed mid-task may still hold session state: destroy it, never reuse it.
      broken = error instanceof Error ? error : new Error(String(error));
      throw error;
    } finally {
      client.release(broken);
    }
  };
  return { engine: "postgres", db: drizzleNodePg({ client: pool, schema }), withSession, close: () => pool.end() };
}

/** Opens the store and brings its schema up to date (idempotent). */
export function openDatabase({ databaseUrl, dataDir, migrationsFolder = MIGRATIONS_FOLDER }: StoreOptions): Promise<OpenDatabase> {
  return databaseUrl ? openPostgres(databaseUrl, migrationsFolder) : openPglite(dataDir, migrationsFolder);
}
