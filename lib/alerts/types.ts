/**
 * An alert event as the API and receivers see it (client-safe): a rule fired or resolved, or a test
 * send. The store's row is lib/store/schema.ts alertEvents (migration 0004).
 */
import type { RuleParams } from "./rules";

export type AlertEventKind = "fired" | "resolved" | "test";

export interface AlertEvent {
  /** The idempotency key: a receiver that sees one id twice has seen one event. */
  id: string;
  /** null for a test event. */
  ruleId: number | null;
  ruleName: string;
  kind: AlertEventKind;
  /** When the condition changed (the snapshot's time) or the test was sent. */
  occurredAt: Date;
  snapshotId: number | null;
  /** One sentence for a person, e.g. "USD in primary fell below 250000.00". */
  summary: string;
  /** Strings only: exact decimals stay strings. */
  details: Record<string, string>;
  connectionLabel: string;
}

/** An AlertEvent over JSON: its time as ISO-8601. */
export interface AlertEventJson extends Omit<AlertEvent, "occurredAt"> {
  occurredAt: string;
}

export interface AlertRuleJson {
  id: number;
  name: string;
  params: RuleParams;
  /** The condition in words: "USD in primary is below 250000.00". */
  description: string;
  paused: boolean;
  state: "ok" | "firing";
  /** When it became ok or firing (a new rule is ok since it was made). */
  since: string;
  createdAt: string;
  updatedAt: string;
  /** Who made it; null in open demo mode, "demo" for the demo's own rules. */
  createdBy: string | null;
}

/** GET /api/alerts/rules */
export interface AlertRulesResponse {
  rules: AlertRuleJson[];
}

/** POST /api/alerts/rules, PATCH /api/alerts/rules/{id} */
export interface AlertRuleResponse {
  rule: AlertRuleJson;
}

/** GET /api/alerts/events, newest first. */
export interface AlertEventsResponse {
  events: AlertEventJson[];
}
