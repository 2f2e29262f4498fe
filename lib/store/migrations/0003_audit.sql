-- The audit trail (issue 14): append-only, each row chained to the one before it by SHA-256
-- (lib/store/audit.ts has the canonical form and the check). Chain order is id order.
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY,
	"occurred_at" timestamp (3) with time zone NOT NULL,
	"event" text NOT NULL,
	"user_name" text,
	"outcome" text NOT NULL,
	"account" text,
	"address" text,
	"details" jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof("details") = 'object'),
	"prev_hash" text NOT NULL CHECK ("prev_hash" ~ '^[0-9a-f]{64}$'),
	"hash" text NOT NULL UNIQUE CHECK ("hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE INDEX "audit_events_occurred_idx" ON "audit_events" ("occurred_at", "id");
--> statement-breakpoint
CREATE INDEX "audit_events_user_idx" ON "audit_events" ("user_name", "id");
--> statement-breakpoint
CREATE INDEX "audit_events_event_idx" ON "audit_events" ("event", "id");
--> statement-breakpoint
CREATE INDEX "audit_events_account_idx" ON "audit_events" ("account", "id");
--> statement-breakpoint
-- The chain's head: one row, locked FOR UPDATE by every append, so appends from every process on
-- the server form one chain; it also names the last row, so a deleted tail is detected.
CREATE TABLE "audit_chain_head" (
	"singleton" boolean PRIMARY KEY DEFAULT true CHECK ("singleton"),
	"last_id" bigint NOT NULL,
	"last_hash" text NOT NULL CHECK ("last_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
INSERT INTO "audit_chain_head" ("last_id", "last_hash") VALUES (0, repeat('0', 64));
--> statement-breakpoint
-- Defence in depth only (the table's owner can drop it; the hash chain is what detects a change).
CREATE FUNCTION "audit_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_truncate" BEFORE TRUNCATE ON "audit_events" FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_chain_head_kept" BEFORE DELETE ON "audit_chain_head" FOR EACH ROW EXECUTE FUNCTION "audit_refuse_change"();
--> statement-breakpoint
CREATE TRIGGER "audit_chain_head_no_truncate" BEFORE TRUNCATE ON "audit_chain_head" FOR EACH STATEMENT EXECUTE FUNCTION "audit_refuse_change"();
