/** The audit API's JSON shapes (GET /api/audit, /api/audit/verify). Client-safe. */

export interface AuditEventJson {
  id: number;
  /** ISO-8601 UTC, to the millisecond. */
  occurredAt: string;
  event: string;
  user: string | null;
  outcome: string;
  account: string | null;
  address: string | null;
  details: Record<string, string>;
  prevHash: string;
  hash: string;
}

export interface AuditPageJson {
  /** Newest first. */
  events: AuditEventJson[];
  /** Pass as `before` for the next, older page; null on the last page. */
  nextBefore: number | null;
}

export type AuditVerifyJson = { checkedAt: string } & (
  | { ok: true; rows: number; lastId: number | null; lastHash: string }
  | { ok: false; rows: number; firstBadId: number; reason: string }
);
