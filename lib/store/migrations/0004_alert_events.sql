-- What alert rules produced (fired, resolved) and test sends: the seam between evaluating rules and
-- delivering them. The id is the idempotency key receivers see; details hold strings only, so
-- exact decimals stay exact.
CREATE TABLE alert_events (
  id uuid PRIMARY KEY,
  rule_id bigint,
  rule_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('fired', 'resolved', 'test')),
  occurred_at timestamptz(3) NOT NULL,
  snapshot_id bigint,
  summary text NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  connection_label text NOT NULL DEFAULT 'default',
  recorded_at timestamptz(3) NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX alert_events_occurred_idx ON alert_events (occurred_at, id);
