import "server-only";
import { AlertStore } from "./alerts";
import { DeliveryStore } from "./deliveries";
import { AuditStore } from "./audit";
import { HistoryStore } from "./history";
import { openDatabase, type StoreOptions } from "./open";
import { SessionStore } from "./sessions";
import { SnapshotStore } from "./snapshots";

export { DataDirInUseError } from "./data-dir-lock";
export { InvalidSnapshotError, SnapshotStore, snapshotStatus } from "./snapshots";
export type * from "./snapshots";
export { HistoryStore } from "./history";
export { AUDIT_PAGE_ROWS, AuditStore, auditRowHash, CHAIN_CHECK_SQL, GENESIS_HASH, InvalidAuditEventError, MAX_AUDIT_LIST_ROWS } from "./audit";
export type * from "./audit";
export type * from "./history";
export type { StoreOptions } from "./open";
export { DeliveryStore } from "./deliveries";
export type * from "./deliveries";
export { AlertStore, MAX_EVENTS_PER_READ } from "./alerts";
export type * from "./alerts";
export { MAX_LISTED_SESSIONS, SessionStore } from "./sessions";
export type * from "./sessions";

export interface Store {
  engine: "pglite" | "postgres";
  snapshots: SnapshotStore;
  /** Reading history back: chart points and the statement at a time. */
  history: HistoryStore;
  /** Alert destinations, the delivery queue and its log (lib/alerts/delivery). */
  deliveries: DeliveryStore;
  /** Alert rules, their state, and the events they record. */
  alerts: AlertStore;
  /** The audit trail: append-only, hash-chained. */
  audit: AuditStore;
  /** Server-side sessions: the cookie holds only an id whose digest finds the row. */
  sessions: SessionStore;
  close(): Promise<void>;
}

/**
 * Opens the history store: PGlite in DATA_DIR (one process, locked) when databaseUrl is null,
 * else the PostgreSQL server; migrations are applied before it returns.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  const { engine, db, withSession, close } = await openDatabase(options);
  const snapshots = new SnapshotStore(db, withSession);
  return {
    engine,
    snapshots,
    history: new HistoryStore(db, snapshots),
    alerts: new AlertStore(db),
    deliveries: new DeliveryStore(db),
    audit: new AuditStore(db),
    sessions: new SessionStore(db),
    close,
  };
}
