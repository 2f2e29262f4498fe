import "server-only";
import { createAuditLog, type AuditLog, type LogEntry } from "@/lib/auth/audit-log";
import { getConfig } from "@/lib/config";
import { getStore, openStoreAtStart } from "@/lib/server/runtime";

/** Reads of balances data, through the API or a page's server render (lib/auth/audited-read.ts). */
export type ReadEvent =
  | "balances_fetch"
  | "valuation_fetch"
  | "overview_fetch"
  | "balances_csv"
  | "history_fetch"
  | "statement_fetch"
  | "statement_csv"
  | SnapshotEvent
  | AuditTrailEvent;

/** Snapshots of the balance history: taken (button or cron) and read. */
export type SnapshotEvent = "snapshot_take" | "snapshot_cron" | "snapshots_list" | "snapshot_read";

/** A signed-in request refused for its role or its accounts (outcome: forbidden_role or forbidden_account). */
export type AccessEvent = "access_denied";

/** Changes to where alerts are delivered (alerts:manage). */
export type AlertDestinationEvent = "alert_destination_created" | "alert_destination_updated" | "alert_destination_deleted" | "alert_destination_test";

/** An admin changed an alert rule (details: rule_id, rule_name). */
export type AlertRuleEvent = "alert_rule_created" | "alert_rule_updated" | "alert_rule_paused" | "alert_rule_resumed" | "alert_rule_deleted";

/** Reading the audit trail is itself audited: the list (API or /audit), the CSV and the chain check. */
export type AuditTrailEvent = "audit_read" | "audit_csv" | "audit_verify";

/** A session ended by someone other than its own sign-out: "sign out everywhere", an admin, or the server (user removed, password changed). */
export type SessionEvent = "session_revoked";

export type AuditEvent =
  | "login"
  | "login_failed"
  | "login_throttled"
  | "logout"
  | SessionEvent
  /** Single sign-on whose claims map to no role (outcome no_role); other OIDC refusals are login_failed with details.source oidc. */
  | "oidc_refused"
  | AccessEvent
  | ReadEvent
  | AlertRuleEvent
  | AlertDestinationEvent;

export interface AuditEntry extends LogEntry {
  event: AuditEvent;
}

// One per process, on globalThis because Next may load this module in more than one bundle.
const holder = globalThis as typeof globalThis & { __auditLog?: AuditLog };

/** stdout always; the store's chain too, unless this deployment keeps no store (HistoryConfig.offReason). */
function auditLog(): AuditLog {
  holder.__auditLog ??= createAuditLog({
    kept: () => getConfig().history.offReason === null,
    open: async () => (await getStore()).audit,
    print: (line) => console.log(line),
    warn: (line) => console.error(line),
    now: () => new Date(),
  });
  return holder.__auditLog;
}

/**
 * One JSON line on stdout at once, and a row in the store's chain. Never throws: a row the store
 * could not take is logged loudly and written later (lib/auth/audit-log.ts). Await it where the
 * response should not leave before the row is written.
 */
export function audit(entry: AuditEntry): Promise<void> {
  return auditLog().record(entry);
}

/**
 * For what is granted (a read served, a sign-in): resolves once the row is in the store, else
 * throws `audit_unavailable`, so the caller serves nothing that was not recorded.
 */
export function auditOrRefuse(entry: AuditEntry): Promise<void> {
  return auditLog().recordOrRefuse(entry);
}

/** Throws `audit_unavailable` while the store cannot take rows: called before a read reaches upstream. */
export function auditReady(): Promise<void> {
  return auditLog().ready();
}

/** At start: says where the trail goes, and opens the store so the first request does not wait for it. */
export function startAuditTrail(): void {
  const { history, store } = getConfig();
  const kept = history.offReason === null;
  console.log(JSON.stringify({ event: "audit_trail", kept, engine: kept ? (store.databaseUrl ? "postgres" : "pglite") : null }));
  if (kept) openStoreAtStart();
}
