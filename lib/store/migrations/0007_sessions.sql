-- Server-side sessions (issue 14): the cookie holds only an opaque id, so sign-out, "sign out
-- everywhere" and an admin's revocation end a session on every instance sharing the store.
CREATE TABLE "sessions" (
	"id" bigserial PRIMARY KEY,
	-- SHA-256 of the cookie's id: reading this table yields no usable cookie.
	"token_hash" text NOT NULL UNIQUE,
	"user_name" text NOT NULL,
	"source" text NOT NULL CHECK ("source" IN ('local', 'oidc')),
	-- OIDC only: the role and accounts mapped at sign-in (a local session re-reads its configuration).
	"role" text CHECK ("role" IN ('viewer', 'auditor', 'admin')),
	"accounts" jsonb,
	"id_token" text,
	-- Local only: a digest of the password hash at sign-in; a changed hash ends the session.
	"credential" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"last_seen_at" timestamp (3) with time zone NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone,
	"ended_reason" text,
	"address" text,
	"user_agent" text,
	CHECK (("source" = 'oidc') = ("role" IS NOT NULL)),
	CHECK (("source" = 'local') = ("credential" IS NOT NULL)),
	CHECK (("ended_at" IS NULL) = ("ended_reason" IS NULL))
);
--> statement-breakpoint
CREATE INDEX "sessions_open_user_idx" ON "sessions" ("user_name") WHERE "ended_at" IS NULL;
--> statement-breakpoint
CREATE INDEX "sessions_open_expiry_idx" ON "sessions" ("expires_at") WHERE "ended_at" IS NULL;
