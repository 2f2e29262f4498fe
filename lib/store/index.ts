import "server-only";
import { createHash } from "node:crypto";
import { openDatabase, type StoreOptions } from "./open";
import { SnapshotStore } from "./snapshots";

export { DataDirInUseError } from "./data-dir-lock";
export { InvalidSnapshotError, SnapshotStore, snapshotStatus } from "./snapshots";
export type * from "./snapshots";
export type { StoreOptions } from "./open";

/** Hex digits of the key's SHA-256 kept as its fingerprint: tells keys apart, reveals nothing. */
const FINGERPRINT_HEX_DIGITS = 16;

export function keyFingerprint(apiKey: string): string {
  return createHash("sha256").update(apiKey).digest("hex").slice(0, FINGERPRINT_HEX_DIGITS);
}

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
  const { engine, db, close } = await openDatabase(options);
  return { engine, snapshots: new SnapshotStore(db), close };
}
