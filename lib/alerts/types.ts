/**
 * An alert event as the API and receivers see it (client-safe): a rule fired or resolved, or a test
 * send. The store's row is lib/store/schema.ts alertEvents (migration 0004).
 */
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
