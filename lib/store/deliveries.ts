import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { AlertEvent } from "@/lib/alerts/types";
import type { StoreDatabase } from "./open";
import { alertDemoReceipts, alertDeliveries, alertDeliveryAttempts, alertDestinations, alertEvents } from "./schema";

export type DestinationKind = "webhook" | "slack";
export type DeliveryStatus = "pending" | "delivered" | "failed" | "gave_up";
export type AttemptOutcome = "delivered" | "retry" | "gave_up";

export interface Destination {
  id: number;
  name: string;
  kind: DestinationKind;
  url: string;
  /** The webhook's HMAC key; null for Slack. Never logged, never sent to a browser after creation. */
  secret: string | null;
  enabled: boolean;
  builtin: boolean;
  deliverFrom: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewDestination {
  name: string;
  kind: DestinationKind;
  url: string;
  secret: string | null;
  builtin?: boolean;
}

export interface DestinationChanges {
  name?: string;
  url?: string;
  secret?: string;
  enabled?: boolean;
}

/** The event as a delivery sends it (the alert_events row). */
export type DeliveryEvent = AlertEvent;

/** One delivery this worker holds the lease of, with what it needs to send it. */
export interface ClaimedDelivery {
  id: number;
  /** This attempt's number (1 for the first). */
  attempt: number;
  queuedAt: Date;
  event: DeliveryEvent;
  destination: Destination;
}

export interface AttemptRecord {
  deliveryId: number;
  attempt: number;
  worker: string;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  outcome: AttemptOutcome;
  /** For a retry: when the next try is due. */
  nextAttemptAt: Date | null;
  finishedAt: Date;
}

export interface AttemptRow {
  attempt: number;
  startedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  outcome: AttemptOutcome;
}

export interface DeliveryLogRow {
  id: number;
  eventId: string;
  eventKind: DeliveryEvent["kind"];
  ruleName: string;
  summary: string;
  occurredAt: Date;
  destinationId: number;
  destinationName: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  attemptLog: AttemptRow[];
}

export interface DemoReceipt {
  id: number;
  receivedAt: Date;
  eventId: string | null;
  signatureValid: boolean;
  verdict: string;
  body: string;
}

/** The built-in receiver keeps this many payloads; older ones are dropped as new ones come. */
export const DEMO_RECEIPTS_KEPT = 50;
/** An event recorded longer ago than this is not fanned out any more (its retries would be over). */
export const FAN_OUT_LOOKBACK_MS = 24 * 60 * 60 * 1000;
/** The summary of the event "Send test event" records. */
export const TEST_EVENT_RULE_NAME = "Test event";

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

/** The details column holds string values only (contract): anything else is dropped, not coerced. */
function stringDetails(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) if (typeof item === "string") out[key] = item;
  }
  return out;
}

export class DeliveryStore {
  constructor(private readonly db: StoreDatabase) {}

  // Destinations.

  async listDestinations(): Promise<Destination[]> {
    return (await this.db.select().from(alertDestinations).orderBy(asc(alertDestinations.id))) as Destination[];
  }

  async destination(id: number): Promise<Destination | null> {
    const [row] = await this.db.select().from(alertDestinations).where(eq(alertDestinations.id, id));
    return (row as Destination | undefined) ?? null;
  }

  async createDestination(input: NewDestination, now: Date): Promise<Destination> {
    const [row] = await this.db
      .insert(alertDestinations)
      .values({ ...input, builtin: input.builtin ?? false, enabled: true, deliverFrom: now, createdAt: now, updatedAt: now })
      .returning();
    return row as Destination;
  }

  /** The demo's built-in receiver, created once (a unique index makes a second call, or a second process, a no-op). */
  async ensureBuiltinDestination(input: Omit<NewDestination, "builtin">, now: Date): Promise<void> {
    // Looked for first: an insert that conflicts would still use up an id.
    const [present] = await this.db.select({ id: alertDestinations.id }).from(alertDestinations).where(eq(alertDestinations.builtin, true));
    if (present) return;
    await this.db
      .insert(alertDestinations)
      .values({ ...input, builtin: true, enabled: true, deliverFrom: now, createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: alertDestinations.builtin, where: sql`${alertDestinations.builtin}` });
  }

  async updateDestination(id: number, changes: DestinationChanges, now: Date): Promise<Destination | null> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx.select().from(alertDestinations).where(eq(alertDestinations.id, id)).for("update");
      if (!current) return null;
      // Enabled again: from now on, not the events of the pause.
      const resumed = changes.enabled === true && !current.enabled;
      const [row] = await tx
        .update(alertDestinations)
        .set({ ...changes, updatedAt: now, ...(resumed ? { deliverFrom: now } : {}) })
        .where(eq(alertDestinations.id, id))
        .returning();
      return (row as Destination | undefined) ?? null;
    });
  }

  /** Removes the destination and its deliveries (their log goes with it). */
  async deleteDestination(id: number): Promise<Destination | null> {
    const [row] = await this.db.delete(alertDestinations).where(eq(alertDestinations.id, id)).returning();
    return (row as Destination | undefined) ?? null;
  }

  // The queue.

  /**
   * Queues every new event for every enabled destination that existed when it was recorded. Safe to
   * run any number of times from any number of processes: (event, destination) is unique and a
   * second insert does nothing. Test events are queued by recordTestEvent for their one destination.
   */
  async fanOut(now: Date): Promise<number> {
    const since = new Date(now.getTime() - FAN_OUT_LOOKBACK_MS);
    const result = await this.db.execute(sql`
      INSERT INTO alert_deliveries (event_id, destination_id, event_occurred_at, status, attempts, queued_at, next_attempt_at)
      SELECT e.id, d.id, e.occurred_at, 'pending', 0, ${now}, ${now}
      FROM alert_events e
      JOIN alert_destinations d ON d.enabled AND e.recorded_at >= d.deliver_from
      WHERE e.kind <> 'test' AND e.recorded_at >= ${since}
      ON CONFLICT (event_id, destination_id) DO NOTHING
      RETURNING id`);
    return rowsOf<{ id: unknown }>(result).length;
  }

  /** "Send test event": one kind='test' event, queued for this destination only. */
  async recordTestEvent(destination: Destination, connectionLabel: string, now: Date): Promise<string> {
    const id = randomUUID();
    await this.db.transaction(async (tx) => {
      await tx.insert(alertEvents).values({
        id,
        ruleId: null,
        ruleName: TEST_EVENT_RULE_NAME,
        kind: "test",
        occurredAt: now,
        snapshotId: null,
        summary: `Test event for ${destination.name}: alerts from the treasury dashboard reach this destination.`,
        details: {},
        connectionLabel,
        recordedAt: now,
      });
      await tx.insert(alertDeliveries).values({
        eventId: id,
        destinationId: destination.id,
        eventOccurredAt: now,
        status: "pending",
        attempts: 0,
        queuedAt: now,
        nextAttemptAt: now,
      });
    });
    return id;
  }

  /**
   * Takes the lease of up to `limit` due deliveries, at most one per destination: the oldest open
   * one by event time (a destination gets its events in order; a later one waits while an earlier
   * one is retried). FOR UPDATE SKIP LOCKED lets concurrent workers pass each other; the lease
   * (locked_until) keeps a delivery from being claimed again while it is sent, and frees it when a
   * worker died mid-send.
   */
  async claimDue(now: Date, worker: string, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
    const until = new Date(now.getTime() + leaseMs);
    const claimed = rowsOf<{ id: unknown }>(
      await this.db.execute(sql`
        UPDATE alert_deliveries SET locked_until = ${until}, locked_by = ${worker}
        WHERE id IN (
          SELECT d.id FROM alert_deliveries d
          JOIN alert_destinations dest ON dest.id = d.destination_id AND dest.enabled
          WHERE d.id IN (
              SELECT DISTINCT ON (destination_id) id FROM alert_deliveries
              WHERE status IN ('pending', 'failed')
              ORDER BY destination_id, event_occurred_at, event_id
            )
            AND d.status IN ('pending', 'failed')
            AND d.next_attempt_at <= ${now}
            AND (d.locked_until IS NULL OR d.locked_until <= ${now})
          ORDER BY d.next_attempt_at, d.id
          LIMIT ${limit}
          FOR UPDATE OF d SKIP LOCKED
        )
        AND (locked_until IS NULL OR locked_until <= ${now})
        RETURNING id`),
    ).map((row) => Number(row.id));
    if (claimed.length === 0) return [];
    const rows = await this.db
      .select({ id: alertDeliveries.id, attempts: alertDeliveries.attempts, queuedAt: alertDeliveries.queuedAt, event: alertEvents, destination: alertDestinations })
      .from(alertDeliveries)
      .innerJoin(alertEvents, eq(alertEvents.id, alertDeliveries.eventId))
      .innerJoin(alertDestinations, eq(alertDestinations.id, alertDeliveries.destinationId))
      .where(inArray(alertDeliveries.id, claimed))
      .orderBy(asc(alertDeliveries.id));
    return rows.map(({ id, attempts, queuedAt, event, destination }) => ({
      id,
      attempt: attempts + 1,
      queuedAt,
      destination: destination as Destination,
      event: {
        id: event.id,
        ruleId: event.ruleId,
        ruleName: event.ruleName,
        kind: event.kind,
        occurredAt: event.occurredAt,
        snapshotId: event.snapshotId,
        summary: event.summary,
        details: stringDetails(event.details),
        connectionLabel: event.connectionLabel,
      },
    }));
  }

  /**
   * Writes an attempt's outcome and frees the lease, in one transaction with its log line. Only the
   * lease holder's outcome changes the delivery (a worker whose lease ran out may not undo the
   * next one's); its attempt is logged either way, since it did send. Returns whether it held it.
   */
  async recordAttempt(record: AttemptRecord): Promise<boolean> {
    const status: DeliveryStatus = record.outcome === "retry" ? "failed" : record.outcome;
    return this.db.transaction(async (tx) => {
      const updated = await tx
        .update(alertDeliveries)
        .set({
          status,
          attempts: record.attempt,
          nextAttemptAt: record.outcome === "retry" ? record.nextAttemptAt : null,
          lastStatusCode: record.statusCode,
          lastError: record.error,
          lockedUntil: null,
          lockedBy: null,
          deliveredAt: record.outcome === "delivered" ? record.finishedAt : null,
        })
        .where(and(eq(alertDeliveries.id, record.deliveryId), eq(alertDeliveries.lockedBy, record.worker)))
        .returning({ id: alertDeliveries.id });
      await tx.insert(alertDeliveryAttempts).values({
        deliveryId: record.deliveryId,
        attempt: record.attempt,
        startedAt: record.startedAt,
        durationMs: record.durationMs,
        statusCode: record.statusCode,
        error: record.error,
        outcome: record.outcome,
        worker: record.worker,
      });
      return updated.length > 0;
    });
  }

  // The log.

  async deliveryLog(filter: { eventId?: string; destinationId?: number; limit: number }): Promise<DeliveryLogRow[]> {
    const conditions: SQL[] = [];
    if (filter.eventId) conditions.push(sql`d.event_id = ${filter.eventId}`);
    if (filter.destinationId !== undefined) conditions.push(sql`d.destination_id = ${filter.destinationId}`);
    const where = conditions.length > 0 ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
    const rows = rowsOf<Record<string, unknown>>(
      await this.db.execute(sql`
        SELECT d.id, d.event_id, e.kind, e.rule_name, e.summary, e.occurred_at, d.destination_id, dest.name AS destination_name,
               d.status, d.attempts, d.next_attempt_at, d.last_status_code, d.last_error, d.delivered_at
        FROM alert_deliveries d
        JOIN alert_events e ON e.id = d.event_id
        JOIN alert_destinations dest ON dest.id = d.destination_id
        ${where}
        ORDER BY e.occurred_at DESC, d.id DESC
        LIMIT ${filter.limit}`),
    );
    const ids = rows.map((row) => Number(row.id));
    const attempts =
      ids.length === 0
        ? []
        : await this.db
            .select()
            .from(alertDeliveryAttempts)
            .where(inArray(alertDeliveryAttempts.deliveryId, ids))
            .orderBy(asc(alertDeliveryAttempts.deliveryId), asc(alertDeliveryAttempts.id));
    const byDelivery = new Map<number, AttemptRow[]>();
    for (const attempt of attempts) {
      const list = byDelivery.get(attempt.deliveryId) ?? [];
      list.push({
        attempt: attempt.attempt,
        startedAt: attempt.startedAt,
        durationMs: attempt.durationMs,
        statusCode: attempt.statusCode,
        error: attempt.error,
        outcome: attempt.outcome,
      });
      byDelivery.set(attempt.deliveryId, list);
    }
    return rows.map((row) => ({
      id: Number(row.id),
      eventId: String(row.event_id),
      eventKind: row.kind as DeliveryEvent["kind"],
      ruleName: String(row.rule_name),
      summary: String(row.summary),
      occurredAt: asDate(row.occurred_at),
      destinationId: Number(row.destination_id),
      destinationName: String(row.destination_name),
      status: row.status as DeliveryStatus,
      attempts: Number(row.attempts),
      nextAttemptAt: row.next_attempt_at ? asDate(row.next_attempt_at) : null,
      lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
      lastError: row.last_error === null ? null : String(row.last_error),
      deliveredAt: row.delivered_at ? asDate(row.delivered_at) : null,
      attemptLog: byDelivery.get(Number(row.id)) ?? [],
    }));
  }

  // The demo's built-in receiver.

  async addDemoReceipt(receipt: Omit<DemoReceipt, "id">): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.insert(alertDemoReceipts).values(receipt);
      const kept = tx.select({ id: alertDemoReceipts.id }).from(alertDemoReceipts).orderBy(desc(alertDemoReceipts.id)).limit(1).offset(DEMO_RECEIPTS_KEPT - 1);
      await tx.delete(alertDemoReceipts).where(lt(alertDemoReceipts.id, sql`(${kept})`));
    });
  }

  async demoReceipts(limit: number): Promise<DemoReceipt[]> {
    return this.db.select().from(alertDemoReceipts).orderBy(desc(alertDemoReceipts.id)).limit(limit);
  }
}
