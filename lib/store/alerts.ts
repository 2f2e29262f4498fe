import "server-only";
import { randomUUID } from "node:crypto";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { RuleState } from "@/lib/alerts/evaluate";
import { ruleParams, type RuleParams } from "@/lib/alerts/rules";
import type { AlertEvent } from "@/lib/alerts/types";
import type { StoreDatabase } from "./open";
import { alertEvents, alertRules, alertRuleState } from "./schema";

export interface AlertRuleRecord {
  id: number;
  name: string;
  params: RuleParams;
  paused: boolean;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  state: RuleState;
}

export interface NewAlertRule {
  name: string;
  params: RuleParams;
  paused: boolean;
  createdBy: string | null;
  at: Date;
}

export interface AlertRuleChange {
  name?: string;
  params?: RuleParams;
  paused?: boolean;
}

/** An event to record; the store gives it its id (the receivers' idempotency key). */
export type NewAlertEvent = Omit<AlertEvent, "id">;

/** What evaluating one rule decided: its new state, and the event of its transition if any. */
export interface RuleOutcome {
  ruleId: number;
  state: RuleState;
  event: NewAlertEvent | null;
}

/** Events newest first; this many at most per read. */
export const MAX_EVENTS_PER_READ = 500;
/** Held for one evaluation's transaction: two processes never decide the same transition twice. */
const EVALUATION_LOCK_ID = 4_242_001_316;

const ruleColumns = {
  id: alertRules.id,
  name: alertRules.name,
  params: alertRules.params,
  paused: alertRules.paused,
  createdAt: alertRules.createdAt,
  updatedAt: alertRules.updatedAt,
  createdBy: alertRules.createdBy,
  state: alertRuleState.state,
  since: alertRuleState.since,
  lastSnapshotId: alertRuleState.lastSnapshotId,
};

type RuleRow = {
  id: number;
  name: string;
  params: unknown;
  paused: boolean;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  state: "ok" | "firing";
  since: Date;
  lastSnapshotId: number | null;
};

function toRule({ state, since, lastSnapshotId, params, ...rule }: RuleRow): AlertRuleRecord {
  // Written only through the same schema; a row it refuses is a fault worth stopping on.
  const parsed = ruleParams.safeParse(params);
  if (!parsed.success) throw new Error(`alert rule ${rule.id} has parameters this version cannot read`);
  return { ...rule, params: parsed.data, state: { state, since, lastSnapshotId } };
}

type EventRow = typeof alertEvents.$inferSelect;

function toEvent({ recordedAt: _recordedAt, ...event }: EventRow): AlertEvent {
  return event;
}

/** Alert rules, their state, and the events they record (read by the delivery worker). */
export class AlertStore {
  constructor(private readonly db: StoreDatabase) {}

  async listRules(): Promise<AlertRuleRecord[]> {
    const rows = await this.selectRules(this.db).orderBy(asc(alertRules.id));
    return rows.map(toRule);
  }

  async rule(id: number): Promise<AlertRuleRecord | null> {
    const rows = await this.selectRules(this.db).where(eq(alertRules.id, id));
    return rows[0] ? toRule(rows[0]) : null;
  }

  /** The rule and its state (ok since now), together. */
  async createRule({ name, params, paused, createdBy, at }: NewAlertRule): Promise<AlertRuleRecord> {
    const id = await this.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(alertRules)
        .values({ name, kind: params.kind, params, paused, createdAt: at, updatedAt: at, createdBy })
        .returning({ id: alertRules.id });
      await tx.insert(alertRuleState).values({ ruleId: created!.id, state: "ok", since: at, lastSnapshotId: null });
      return created!.id;
    });
    return (await this.rule(id))!;
  }

  /** Changes what is given; the state stays (the next evaluation of the new condition decides). Null for an unknown id. */
  async updateRule(id: number, change: AlertRuleChange, at: Date): Promise<{ before: AlertRuleRecord; after: AlertRuleRecord } | null> {
    return this.db.transaction(async (tx) => {
      const rows = await this.selectRules(tx).where(eq(alertRules.id, id)).for("update", { of: alertRules });
      if (!rows[0]) return null;
      const before = toRule(rows[0]);
      await tx
        .update(alertRules)
        .set({
          ...(change.name === undefined ? {} : { name: change.name }),
          ...(change.params === undefined ? {} : { params: change.params, kind: change.params.kind }),
          ...(change.paused === undefined ? {} : { paused: change.paused }),
          updatedAt: at,
        })
        .where(eq(alertRules.id, id));
      const after = await this.selectRules(tx).where(eq(alertRules.id, id));
      return { before, after: toRule(after[0]!) };
    });
  }

  /** Removes the rule and its state; its events stay (they were sent). Null for an unknown id. */
  async deleteRule(id: number): Promise<AlertRuleRecord | null> {
    const existing = await this.rule(id);
    if (!existing) return null;
    const deleted = await this.db.delete(alertRules).where(eq(alertRules.id, id)).returning({ id: alertRules.id });
    return deleted.length > 0 ? existing : null;
  }

  /**
   * Evaluates every unpaused rule in one transaction, one process at a time: `decide` gets the
   * rules with their state as committed and returns each one's outcome; new states and events are
   * written together, so a transition is recorded exactly once. Returns the events recorded.
   */
  async evaluateRules(decide: (rules: readonly AlertRuleRecord[]) => readonly RuleOutcome[]): Promise<AlertEvent[]> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${EVALUATION_LOCK_ID})`);
      const rules = (await this.selectRules(tx).where(eq(alertRules.paused, false)).orderBy(asc(alertRules.id))).map(toRule);
      const outcomes = decide(rules);
      const before = new Map(rules.map((rule) => [rule.id, rule.state]));
      for (const { ruleId, state } of outcomes) {
        const old = before.get(ruleId);
        if (old && old.state === state.state && old.since.getTime() === state.since.getTime() && old.lastSnapshotId === state.lastSnapshotId) continue;
        await tx
          .update(alertRuleState)
          .set({ state: state.state, since: state.since, lastSnapshotId: state.lastSnapshotId })
          .where(eq(alertRuleState.ruleId, ruleId));
      }
      return this.insertEvents(tx, outcomes.flatMap((outcome) => (outcome.event ? [outcome.event] : [])));
    });
  }

  /** Records events as they are (a test event, or transitions decided elsewhere). */
  recordEvents(events: readonly NewAlertEvent[]): Promise<AlertEvent[]> {
    return this.insertEvents(this.db, events);
  }

  /** The newest events first, at most `limit` (up to MAX_EVENTS_PER_READ). */
  async listEvents({ limit }: { limit: number }): Promise<AlertEvent[]> {
    const rows = await this.db
      .select()
      .from(alertEvents)
      .orderBy(desc(alertEvents.occurredAt), desc(alertEvents.recordedAt), desc(alertEvents.id))
      .limit(Math.min(Math.max(limit, 1), MAX_EVENTS_PER_READ));
    return rows.map(toEvent);
  }

  private async insertEvents(db: StoreDatabase, events: readonly NewAlertEvent[]): Promise<AlertEvent[]> {
    if (events.length === 0) return [];
    const rows = await db
      .insert(alertEvents)
      .values(events.map((event) => ({ ...event, id: randomUUID(), recordedAt: sql`now()` })))
      .returning();
    return rows.map(toEvent);
  }

  private selectRules(db: StoreDatabase) {
    return db.select(ruleColumns).from(alertRules).innerJoin(alertRuleState, eq(alertRuleState.ruleId, alertRules.id)).$dynamic();
  }
}
