-- Balance history (issue 13). Every figure is numeric, read back as text: exact at any size and scale.
CREATE TABLE "snapshots" (
	"id" bigserial PRIMARY KEY,
	"connection_label" text NOT NULL,
	"key_fingerprint" text NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"taken_at" timestamp (3) with time zone NOT NULL,
	"status" text NOT NULL CHECK ("status" IN ('complete', 'partial', 'failed')),
	"demo" boolean NOT NULL,
	CHECK ("started_at" <= "taken_at")
);
--> statement-breakpoint
CREATE INDEX "snapshots_key_taken_at_idx" ON "snapshots" ("key_fingerprint", "taken_at" DESC);
--> statement-breakpoint
CREATE INDEX "snapshots_taken_at_idx" ON "snapshots" ("taken_at" DESC);
--> statement-breakpoint
CREATE TABLE "snapshot_accounts" (
	"snapshot_id" bigint NOT NULL REFERENCES "snapshots" ("id") ON DELETE CASCADE,
	"account" text NOT NULL,
	"status" text NOT NULL CHECK ("status" IN ('ok', 'failed')),
	"error_code" text,
	PRIMARY KEY ("snapshot_id", "account"),
	CHECK (("status" = 'failed') = ("error_code" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "snapshot_balances" (
	"snapshot_id" bigint NOT NULL,
	"account" text NOT NULL,
	"currency" text NOT NULL,
	"amount" numeric NOT NULL,
	"available" numeric NOT NULL,
	"available_for_withdrawal" numeric NOT NULL,
	"pending_deposit" numeric,
	"pending_withdrawal" numeric,
	"value_usd" numeric,
	"exchange_timestamp" text,
	"taken_at" timestamp (3) with time zone NOT NULL,
	PRIMARY KEY ("snapshot_id", "account", "currency"),
	FOREIGN KEY ("snapshot_id", "account") REFERENCES "snapshot_accounts" ("snapshot_id", "account") ON DELETE CASCADE
);
--> statement-breakpoint
CREATE INDEX "snapshot_balances_account_currency_idx" ON "snapshot_balances" ("account", "currency", "snapshot_id");
