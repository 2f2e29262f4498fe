import "server-only";
import { openDatabase, type StoreOptions } from "./open";
import { SnapshotStore } from "./snapshots";

export { DataDirInUseError } from "./data-dir-lock";
export { InvalidSnapshotError, SnapshotStore, snapshotStatus } from "./snapshots";
export type * from "./snapshots";
export type { StoreOptions } from "./open";

export interface Store {
  engine: "pglite" | "postgres";
  snapshots: SnapshotStore;
  close(): Promise<void>;
}

/**
 * Opens the history store: PGlite in DATA_DIR (one process, locked) when databaseUrl is null,
 * else the PostgreSQL server; migrations are applied before it returns.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const { engine, db, withSession, close } = await openDatabase(options);
  return { engine, snapshots: new SnapshotStore(db, withSession), close };
}
