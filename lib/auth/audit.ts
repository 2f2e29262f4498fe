import "server-only";

export type AuditEvent =
  | "login"
  | "login_failed"
  | "login_throttled"
  | "logout"
  | "balances_fetch"
  | "valuation_fetch"
  | "overview_fetch"
  | "balances_csv";

export interface AuditEntry {
  event: AuditEvent;
  /** The signed-in user, or the name tried at sign-in; null in open demo mode. */
  user: string | null;
  outcome: string;
  account?: string | null;
  address?: string;
}

/** One JSON line per security-relevant event on stdout. Never a password, cookie, key or payload. */
export function audit(entry: AuditEntry): void {
  console.log(JSON.stringify({ audit: true, time: new Date().toISOString(), ...entry }));
}
