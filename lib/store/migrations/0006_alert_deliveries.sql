-- Alert delivery (issue 16): destinations, one delivery per (event, destination) queued in the store
-- so it survives a restart and is sent by one instance at a time (locked_until/locked_by), the log of
-- every attempt, and what the demo's built-in receiver got.
CREATE TABLE "alert_destinations" (
	"id" bigserial PRIMARY KEY,
	"name" text NOT NULL,
	"kind" text NOT NULL CHECK ("kind" IN ('webhook', 'slack')),
	"url" text NOT NULL,
	-- The webhook's HMAC key (must be readable to sign); Slack has its token in the URL instead.
	"secret" text,
	"enabled" boolean NOT NULL DEFAULT true,
	-- The demo's receiver in this server: its URL is this server's own, built at send time.
	"builtin" boolean NOT NULL DEFAULT false,
	-- Events recorded from then on are delivered: not the past when created, not a pause when enabled again.
	"deliver_from" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CHECK (("kind" = 'webhook') = ("secret" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alert_destinations_builtin_idx" ON "alert_destinations" ("builtin") WHERE "builtin";
--> statement-breakpoint
CREATE INDEX "alert_events_recorded_idx" ON "alert_events" ("recorded_at");
--> statement-breakpoint
CREATE TABLE "alert_deliveries" (
	"id" bigserial PRIMARY KEY,
	"event_id" uuid NOT NULL REFERENCES "alert_events" ("id") ON DELETE CASCADE,
	"destination_id" bigint NOT NULL REFERENCES "alert_destinations" ("id") ON DELETE CASCADE,
	-- Copied from the event: a destination gets its events in this order.
	"event_occurred_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL CHECK ("status" IN ('pending', 'delivered', 'failed', 'gave_up')),
	"attempts" integer NOT NULL DEFAULT 0,
	"queued_at" timestamp (3) with time zone NOT NULL,
	"next_attempt_at" timestamp (3) with time zone,
	"last_status_code" integer,
	"last_error" text,
	"locked_until" timestamp (3) with time zone,
	"locked_by" text,
	"delivered_at" timestamp (3) with time zone,
	UNIQUE ("event_id", "destination_id"),
	CHECK (("status" IN ('pending', 'failed')) = ("next_attempt_at" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX "alert_deliveries_open_idx" ON "alert_deliveries" ("destination_id", "event_occurred_at", "event_id") WHERE "status" IN ('pending', 'failed');
--> statement-breakpoint
CREATE TABLE "alert_delivery_attempts" (
	"id" bigserial PRIMARY KEY,
	"delivery_id" bigint NOT NULL REFERENCES "alert_deliveries" ("id") ON DELETE CASCADE,
	"attempt" integer NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"status_code" integer,
	"error" text,
	"outcome" text NOT NULL CHECK ("outcome" IN ('delivered', 'retry', 'gave_up')),
	"worker" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "alert_delivery_attempts_delivery_idx" ON "alert_delivery_attempts" ("delivery_id", "id");
--> statement-breakpoint
CREATE TABLE "alert_demo_receipts" (
	"id" bigserial PRIMARY KEY,
	"received_at" timestamp (3) with time zone NOT NULL,
	"event_id" text,
	"signature_valid" boolean NOT NULL,
	"verdict" text NOT NULL,
	"body" text NOT NULL
);
