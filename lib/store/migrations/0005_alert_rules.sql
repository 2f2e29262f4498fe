-- Alert rules (issue 16): what to watch (params: the rule's zod-validated JSON, thresholds as exact
-- decimal text) and where each rule stands, so it fires on the change from ok to firing only.
CREATE TABLE "alert_rules" (
	"id" bigserial PRIMARY KEY,
	"name" text NOT NULL CHECK (length("name") BETWEEN 1 AND 120),
	"kind" text NOT NULL CHECK ("kind" IN ('balance', 'change', 'pending', 'key_roles', 'snapshot_failed', 'no_snapshot')),
	"params" jsonb NOT NULL CHECK ("params" ->> 'kind' = "kind"),
	"paused" boolean NOT NULL DEFAULT false,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"created_by" text
);
--> statement-breakpoint
-- One row per rule, written with it; no foreign key to snapshots, which retention thins.
CREATE TABLE "alert_rule_state" (
	"rule_id" bigint PRIMARY KEY REFERENCES "alert_rules" ("id") ON DELETE CASCADE,
	"state" text NOT NULL CHECK ("state" IN ('ok', 'firing')),
	"since" timestamp (3) with time zone NOT NULL,
	"last_snapshot_id" bigint
);
