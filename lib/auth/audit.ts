import "server-only";

/** Reads of balances data, through the API or a page's server render (lib/auth/audited-read.ts). */
export type ReadEvent =
  | "balances_fetch"
  | "valuation_fetch"
  | "overview_fetch"
  | "balances_csv"
  | "history_fetch"
  | "statement_fetch"
  | "statement_csv"
  | SnapshotEvent;

/** Snapshots of the balance history: taken (button or cron) and read. */
export type SnapshotEvent = "snapshot_take" | "snapshot_cron" | "snapshots_list" | "snapshot_read";

/** A signed-in request refused for its role or its accounts (outcome: forbidden_role or forbidden_account). */
export type AccessEvent = "access_denied";

/** Changes to where alerts are delivered (alerts:manage). */
export type AlertDestinationEvent = "alert_destination_created" | "alert_destination_updated" | "alert_destination_deleted" | "alert_destination_test";

/** An admin changed an alert rule (details: rule_id, rule_name). */
export type AlertRuleEvent = "alert_rule_created" | "alert_rule_updated" | "alert_rule_paused" | "alert_rule_resumed" | "alert_rule_deleted";

export type AuditEvent =
  | "login"
  | "login_failed"
  | "login_throttled"
  | "logout"
  | AccessEvent
  | ReadEvent
  | AlertRuleEvent
  | AlertDestinationEvent;

export interface AuditEntry {
  event: AuditEvent;
  /** The signed-in user, or the name tried at sign-in; null in open demo mode. */
  user: string | null;
  outcome: string;
  account?: string | null;
  address?: string;
  /** Strings only, e.g. which rule was changed. Never a password, cookie, key or payload. */
  details?: Readonly<Record<string, string>>;
}

/** One JSON line per security-relevant event on stdout. Never a password, cookie, key or payload. */
export function audit(entry: AuditEntry): void {
  console.log(JSON.stringify({ audit: true, time: new Date().toISOString(), ...entry }));
}
