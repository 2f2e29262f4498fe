import "server-only";
import { createHash } from "node:crypto";
import { and, asc, desc, eq, gt, gte, lt, lte, sql, type SQL } from "drizzle-orm";
import type { StoreDatabase } from "./open";
import { auditChainHead, auditEvents } from "./schema";

/**
 * The audit trail: append-only rows, each carrying the SHA-256 of its own fields and of the row
 * before it (prev_hash), in id order. Editing, deleting or reordering a row breaks the chain at
 * that row; the head row names the last one, so a deleted tail is detected too. It detects a
 * change made by anyone who does not also recompute every later hash: anchor the head hash
 * elsewhere (GET /api/audit/verify reports it) to cover that.
 */

/** prev_hash of the first row. */
export const GENESIS_HASH = "0".repeat(64);
/** Names the canonical form, so a later change of form can never verify an older row by accident. */
export const CHAIN_VERSION = "gtd-audit-1";
/** Detail keys are plain ASCII, so JS and PostgreSQL sort them alike. */
const DETAIL_KEY = /^[a-z][a-z0-9_]{0,63}$/;
/** Rows read per query when verifying or exporting: memory stays flat however long the trail. */
export const AUDIT_PAGE_ROWS = 1_000;
/** The most rows one list call returns. */
export const MAX_AUDIT_LIST_ROWS = 500;

export interface NewAuditEvent {
  occurredAt: Date;
  event: string;
  /** The signed-in user, the configured name tried at sign-in, or null (open demo, unknown name). */
  user: string | null;
  outcome: string;
  account: string | null;
  address: string | null;
  /** Strings only: an exact figure stays text, and the canonical form stays simple. */
  details: Readonly<Record<string, string>>;
}

export interface AuditEventRecord extends NewAuditEvent {
  id: number;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  user?: string;
  event?: string;
  account?: string;
  /** occurred_at at or after. */
  from?: Date;
  /** occurred_at at or before. */
  to?: Date;
  /** Rows with an id below this one (the cursor of the page before). */
  before?: number;
  /** At most MAX_AUDIT_LIST_ROWS. */
  limit?: number;
}

export interface AuditPage {
  /** Newest first. */
  events: AuditEventRecord[];
  /** `before` for the next (older) page; null when this is the last. */
  nextBefore: number | null;
}

export type ChainVerdict =
  | { ok: true; rows: number; lastId: number | null; lastHash: string }
  | { ok: false; rows: number; firstBadId: number; reason: string };

export class InvalidAuditEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidAuditEventError";
  }
}

/**
 * Text PostgreSQL stores exactly as JS holds it: a lone surrogate would be replaced on the way
 * in (and no longer hash the same) and NUL is refused, so both become U+FFFD here. The event is
 * kept either way; an odd character never costs an audit row.
 */
function storable(text: string): string {
  return text.toWellFormed().replaceAll("\u0000", "\uFFFD");
}

const storableOrNull = (text: string | null) => (text === null ? null : storable(text));

function normalise(entry: NewAuditEvent): NewAuditEvent {
  if (!Number.isFinite(entry.occurredAt.getTime())) throw new InvalidAuditEventError("occurredAt is not a valid time");
  const details: Record<string, string> = {};
  for (const [key, value] of Object.entries(entry.details)) {
    if (!DETAIL_KEY.test(key)) throw new InvalidAuditEventError(`detail key ${JSON.stringify(key)} must match ${DETAIL_KEY}`);
    if (typeof value !== "string") throw new InvalidAuditEventError(`detail ${key} must be a string`);
    details[key] = storable(value);
  }
  return {
    occurredAt: entry.occurredAt,
    event: storable(entry.event),
    user: storableOrNull(entry.user),
    outcome: storable(entry.outcome),
    account: storableOrNull(entry.account),
    address: storableOrNull(entry.address),
    details,
  };
}

/**
 * The bytes a row's hash covers: a JSON array of the version, every field and prev_hash, with the
 * details' keys sorted. CHAIN_CHECK_SQL builds the same text in SQL (to_json(text) escapes as
 * JSON.stringify does), so a DBA can check the chain without this code.
 */
export function canonicalAuditRow(row: Omit<AuditEventRecord, "hash">): string {
  const json = (value: string | null) => (value === null ? "null" : JSON.stringify(value));
  const keys = Object.keys(row.details).sort();
  const details = `{${keys.map((key) => `${json(key)}:${json(row.details[key]!)}`).join(",")}}`;
  const fields = [
    json(CHAIN_VERSION),
    json(String(row.id)),
    json(row.occurredAt.toISOString()),
    json(row.event),
    json(row.user),
    json(row.outcome),
    json(row.account),
    json(row.address),
    details,
    json(row.prevHash),
  ];
  return `[${fields.join(",")}]`;
}

export function auditRowHash(row: Omit<AuditEventRecord, "hash">): string {
  return createHash("sha256").update(canonicalAuditRow(row), "utf8").digest("hex");
}

/**
 * The chain checked by PostgreSQL alone: the first row whose hash does not match its fields, or
 * whose prev_hash is not the hash of the row before it (none: the chain holds). The README
 * prints this query for a DBA; the store's tests run it.
 */
export const CHAIN_CHECK_SQL = `WITH chain AS (
  SELECT id, hash, prev_hash,
         lag(hash, 1, repeat('0', 64)) OVER (ORDER BY id) AS expected_prev,
         encode(sha256(convert_to('[' || concat_ws(',',
           to_json('${CHAIN_VERSION}'::text)::text, to_json(id::text)::text,
           to_json(to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text,
           to_json(event)::text, coalesce(to_json(user_name)::text, 'null'), to_json(outcome)::text,
           coalesce(to_json(account)::text, 'null'), coalesce(to_json(address)::text, 'null'),
           '{' || coalesce((SELECT string_agg(to_json(key)::text || ':' || to_json(value)::text, ',' ORDER BY key COLLATE "C")
                            FROM jsonb_each_text(details)), '') || '}',
           to_json(prev_hash)::text) || ']', 'UTF8')), 'hex') AS recomputed
  FROM audit_events
)
SELECT id, CASE WHEN hash <> recomputed THEN 'edited' ELSE 'broken link' END AS problem
FROM chain WHERE hash <> recomputed OR prev_hash <> expected_prev
ORDER BY id LIMIT 1`;

/** A row as the app reads it: exactly AuditEventRecord. */
const columns = {
  id: auditEvents.id,
  occurredAt: auditEvents.occurredAt,
  event: auditEvents.event,
  user: auditEvents.userName,
  outcome: auditEvents.outcome,
  account: auditEvents.account,
  address: auditEvents.address,
  details: auditEvents.details,
  prevHash: auditEvents.prevHash,
  hash: auditEvents.hash,
};

function conditions({ user, event, account, from, to, before }: AuditFilter): SQL | undefined {
  return and(
    user === undefined ? undefined : eq(auditEvents.userName, user),
    event === undefined ? undefined : eq(auditEvents.event, event),
    account === undefined ? undefined : eq(auditEvents.account, account),
    from === undefined ? undefined : gte(auditEvents.occurredAt, from),
    to === undefined ? undefined : lte(auditEvents.occurredAt, to),
    before === undefined ? undefined : lt(auditEvents.id, before),
  );
}

export class AuditStore {
  constructor(private readonly db: StoreDatabase) {}

  /**
   * Appends the entries, in order, in one transaction: all of them or none. The head row is
   * locked FOR UPDATE first, so appends from every process sharing the server queue there and
   * the chain stays one line.
   */
  async append(entries: readonly NewAuditEvent[]): Promise<AuditEventRecord[]> {
    if (entries.length === 0) return [];
    const rows = entries.map(normalise);
    return this.db.transaction(async (tx) => {
      const [head] = await tx.select().from(auditChainHead).for("update");
      if (!head) throw new Error("audit_chain_head has no row: the audit trail's migration did not run");
      // The id is part of what is hashed, so the ids are drawn before the insert.
      const drawn = await tx
        .select({ id: sql<string>`nextval(pg_get_serial_sequence('audit_events', 'id'))::text` })
        .from(sql`generate_series(1, ${rows.length}::int)`);
      const ids = drawn.map(({ id }) => Number(id)).sort((a, b) => a - b);
      let prevHash = head.lastHash;
      const written = rows.map((row, index): AuditEventRecord => {
        const unhashed = { ...row, id: ids[index]!, prevHash };
        const record = { ...unhashed, hash: auditRowHash(unhashed) };
        prevHash = record.hash;
        return record;
      });
      for (const batch of chunks(written, INSERT_ROWS)) {
        await tx.insert(auditEvents).values(batch.map(rowValues));
      }
      const last = written.at(-1)!;
      await tx.update(auditChainHead).set({ lastId: last.id, lastHash: last.hash }).where(eq(auditChainHead.singleton, true));
      return written;
    });
  }

  /** One page of events, newest first, filtered. */
  async list(filter: AuditFilter = {}): Promise<AuditPage> {
    const limit = Math.min(Math.max(filter.limit ?? MAX_AUDIT_LIST_ROWS, 1), MAX_AUDIT_LIST_ROWS);
    const rows = await this.db
      .select(columns)
      .from(auditEvents)
      .where(conditions(filter))
      .orderBy(desc(auditEvents.id))
      .limit(limit + 1);
    const events: AuditEventRecord[] = rows.slice(0, limit);
    return { events, nextBefore: rows.length > limit ? events.at(-1)!.id : null };
  }

  /** Every event the filter matches, oldest first, a page at a time (the CSV export streams this). */
  async *each(filter: Omit<AuditFilter, "before" | "limit"> = {}): AsyncGenerator<AuditEventRecord> {
    let after = 0;
    for (;;) {
      const rows = await this.db
        .select(columns)
        .from(auditEvents)
        .where(and(conditions(filter), gt(auditEvents.id, after)))
        .orderBy(asc(auditEvents.id))
        .limit(AUDIT_PAGE_ROWS);
      yield* rows;
      if (rows.length < AUDIT_PAGE_ROWS) return;
      after = rows.at(-1)!.id;
    }
  }

  /** Every event name in the trail, sorted (the /audit page's filter offers these). */
  async eventNames(): Promise<string[]> {
    const rows = await this.db.selectDistinct({ event: auditEvents.event }).from(auditEvents).orderBy(asc(auditEvents.event));
    return rows.map((row) => row.event);
  }

  /** The chain head: the last row's id (0 before any) and hash. */
  async head(): Promise<{ lastId: number; lastHash: string } | null> {
    const [head] = await this.db.select({ lastId: auditChainHead.lastId, lastHash: auditChainHead.lastHash }).from(auditChainHead);
    return head ?? null;
  }

  /**
   * Recomputes every hash and link, a page of rows at a time, then checks the head names the
   * last row. Rows appended while it runs are checked too: each is committed with its head update.
   */
  async verify(): Promise<ChainVerdict> {
    let prevHash = GENESIS_HASH;
    let lastId = 0;
    let rows = 0;
    const bad = (firstBadId: number, reason: string): ChainVerdict => ({ ok: false, rows, firstBadId, reason });
    for (;;) {
      const page = await this.db.select(columns).from(auditEvents).where(gt(auditEvents.id, lastId)).orderBy(asc(auditEvents.id)).limit(AUDIT_PAGE_ROWS);
      for (const record of page) {
        const { hash, ...unhashed } = record;
        if (auditRowHash(unhashed) !== hash) return bad(record.id, `row ${record.id} does not match its hash: it was edited`);
        if (record.prevHash !== prevHash) {
          return bad(record.id, `row ${record.id} does not follow the row before it: a row before it was deleted, edited or reordered`);
        }
        prevHash = hash;
        lastId = record.id;
        rows += 1;
      }
      if (page.length === AUDIT_PAGE_ROWS) continue;
      // Read after the rows: any row seen above was committed with a head naming it or a later one.
      const head = await this.head();
      if (!head) return bad(lastId, "the chain head is missing");
      if (head.lastId > lastId) {
        const more = await this.db.select({ id: auditEvents.id }).from(auditEvents).where(gt(auditEvents.id, lastId)).limit(1);
        if (more.length > 0) continue;
        return bad(head.lastId, `the chain ends at row ${lastId} but its head names row ${head.lastId}: rows at the end were deleted`);
      }
      if (head.lastId < lastId) return bad(head.lastId + 1, `rows after ${head.lastId} were added around the chain head`);
      if (head.lastHash !== prevHash) return bad(lastId, `the chain head's hash is not row ${lastId}'s: the head or the last row was changed`);
      return { ok: true, rows, lastId: lastId === 0 ? null : lastId, lastHash: prevHash };
    }
  }
}

/** Rows per INSERT: 9 columns x 1,000 stays far below PostgreSQL's 65,535 bind parameters. */
const INSERT_ROWS = 1_000;

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += size) out.push(rows.slice(start, start + size));
  return out;
}

function rowValues(row: AuditEventRecord) {
  return {
    id: row.id,
    occurredAt: row.occurredAt,
    event: row.event,
    userName: row.user,
    outcome: row.outcome,
    account: row.account,
    address: row.address,
    details: row.details,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
