-- Staking (issue 17): each account's staking state in a snapshot, and its staked balances apart
-- from the exchange rows (never summed into them). Figures are numeric, read back as text.
-- NULL "staking": the snapshot was taken before staking was recorded (or the account failed): not recorded, never zero.
ALTER TABLE "snapshot_accounts" ADD COLUMN "staking" text CHECK ("staking" IN ('staked', 'not_permitted', 'unavailable'));
--> statement-breakpoint
CREATE TABLE "snapshot_staked_balances" (
	"snapshot_id" bigint NOT NULL,
	"account" text NOT NULL,
	"currency" text NOT NULL,
	"balance" numeric NOT NULL,
	"value_usd" numeric,
	PRIMARY KEY ("snapshot_id", "account", "currency"),
	FOREIGN KEY ("snapshot_id", "account") REFERENCES "snapshot_accounts" ("snapshot_id", "account") ON DELETE CASCADE
);
