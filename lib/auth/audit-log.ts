import "server-only";
import { ApiError } from "@/lib/api/errors";
import type { NewAuditEvent } from "@/lib/store";

/**
 * Where audit events go: a JSON line on stdout, always, and a row in the store's hash-chained
 * trail when the deployment keeps one. What happens when the store fails:
 * - `record` (refusals, sign-out): the line is printed first; a row that could not be written is
 *   kept in memory and written, in order, before the next one (or by a retry timer). The caller
 *   goes on: a refusal is already safe, and sign-out must always work.
 * - `recordOrRefuse` (a read served, a sign-in granted): the row is written first; if it cannot
 *   be, the line says `audit_unavailable`, that row is kept for later, and the caller is refused
 *   (503), so nothing is served without its row.
 * - `ready` (before a read starts): refuses while rows are waiting and the store still fails, so
 *   a read that could not be recorded makes no upstream call either.
 * One process writes one row at a time, in the order events happened in it.
 */

export interface LogEntry {
  event: string;
  /** The signed-in user, or the name tried at sign-in; null in open demo mode. */
  user: string | null;
  outcome: string;
  account?: string | null;
  address?: string;
  /** Strings only, with keys like `intended_outcome`. Never a password, cookie, key or payload. */
  details?: Readonly<Record<string, string>>;
}

/** The part of the store the log writes to (lib/store/audit.ts AuditStore). */
export interface AuditSink {
  append(entries: readonly NewAuditEvent[]): Promise<unknown>;
}

export interface AuditLogOptions {
  /** Whether this deployment keeps the trail in a store; false: stdout only. */
  kept: () => boolean;
  /** The store's trail, opened on first use. */
  open: () => Promise<AuditSink>;
  print: (line: string) => void;
  /** For the loud lines about the trail itself (stderr). */
  warn: (line: string) => void;
  now: () => Date;
  /** Calls `retry` once after `delayMs`; must not keep the process alive. */
  schedule?: (retry: () => void, delayMs: number) => void;
}

export interface AuditLog {
  record(entry: LogEntry): Promise<void>;
  recordOrRefuse(entry: LogEntry): Promise<void>;
  ready(): Promise<void>;
  /** Writes the rows still waiting; true when none is left. */
  flush(): Promise<boolean>;
  /** Rows waiting to be written. */
  pending(): number;
}

/** After a failed write: how long before the store is tried again (by the next event, or the retry timer). */
export const AUDIT_RETRY_MS = 5_000;
/** Rows kept in memory while the store fails; the oldest beyond this are only on stdout. */
export const MAX_AUDIT_BACKLOG = 10_000;

export const AUDIT_UNAVAILABLE_MESSAGE = "The audit trail could not record this request, so it was refused. Try again shortly; if it lasts, check the store (DATABASE_URL or DATA_DIR).";

const defaultSchedule = (retry: () => void, delayMs: number) => {
  setTimeout(retry, delayMs).unref();
};

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createAuditLog({ kept, open, print, warn, now, schedule = defaultSchedule }: AuditLogOptions): AuditLog {
  const backlog: NewAuditEvent[] = [];
  let tail: Promise<unknown> = Promise.resolve();
  let retrying = false;
  /** After a failed write, events only wait (and what must be recorded is refused) until then: the store is not hammered. */
  let failingUntil = 0;
  const mayTry = () => now().getTime() >= failingUntil;

  /** One store write at a time: the backlog is only touched inside these tasks. */
  function serial<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  }

  const line = (entry: LogEntry, at: Date) => print(JSON.stringify({ audit: true, time: at.toISOString(), ...entry }));

  const row = (entry: LogEntry, at: Date): NewAuditEvent => ({
    occurredAt: at,
    event: entry.event,
    user: entry.user,
    outcome: entry.outcome,
    account: entry.account ?? null,
    address: entry.address ?? null,
    details: entry.details ?? {},
  });

  /** The waiting rows, then `rows`, in one transaction. Runs inside serial(). */
  async function write(rows: readonly NewAuditEvent[]): Promise<boolean> {
    if (!kept()) return true;
    try {
      await (await open()).append([...backlog, ...rows]);
      backlog.length = 0;
      failingUntil = 0;
      return true;
    } catch (error) {
      failingUntil = now().getTime() + AUDIT_RETRY_MS;
      warn(JSON.stringify({ event: "audit_store_failed", message: message(error), waiting: backlog.length + rows.length }));
      return false;
    }
  }

  /** Runs inside serial(). */
  function keep(rows: readonly NewAuditEvent[]): void {
    backlog.push(...rows);
    if (backlog.length > MAX_AUDIT_BACKLOG) {
      const dropped = backlog.splice(0, backlog.length - MAX_AUDIT_BACKLOG);
      warn(JSON.stringify({ event: "audit_backlog_overflow", dropped: dropped.length, message: "the oldest waiting audit rows are only on stdout" }));
    }
    if (!retrying) {
      retrying = true;
      schedule(() => {
        retrying = false;
        void flush();
      }, AUDIT_RETRY_MS);
    }
  }

  function flush(): Promise<boolean> {
    return serial(async () => {
      if (backlog.length === 0) return true;
      if (await write([])) return true;
      keep([]);
      return false;
    });
  }

  return {
    async record(entry) {
      const at = now();
      line(entry, at);
      if (!kept()) return;
      const stored = row(entry, at);
      await serial(async () => {
        if (!mayTry() || !(await write([stored]))) keep([stored]);
      });
    },

    async recordOrRefuse(entry) {
      const at = now();
      if (!kept()) return line(entry, at);
      const stored = row(entry, at);
      if (await serial(async () => mayTry() && (await write([stored])))) return line(entry, at);
      const refused: LogEntry = { ...entry, outcome: "audit_unavailable", details: { ...entry.details, intended_outcome: entry.outcome } };
      line(refused, at);
      await serial(async () => keep([row(refused, at)]));
      throw new ApiError("audit_unavailable", AUDIT_UNAVAILABLE_MESSAGE);
    },

    async ready() {
      if (!kept()) return;
      if (backlog.length > 0 || !mayTry()) {
        if (mayTry() && (await flush())) return;
        throw new ApiError("audit_unavailable", AUDIT_UNAVAILABLE_MESSAGE);
      }
      try {
        await open();
      } catch (error) {
        warn(JSON.stringify({ event: "audit_store_failed", message: message(error), waiting: 0 }));
        throw new ApiError("audit_unavailable", AUDIT_UNAVAILABLE_MESSAGE);
      }
    },

    flush,
    pending: () => backlog.length,
  };
}
