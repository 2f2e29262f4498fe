import "server-only";
import { bigint, bigserial, boolean, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The tables as Drizzle sees them, for typed queries. The SQL in migrations/ is what creates them
 * (with the CHECK constraints and indexes); a new column goes into both, in a new migration file.
 */

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: "date", precision: 3 });

export const snapshots = pgTable("snapshots", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  connectionLabel: text("connection_label").notNull(),
  keyFingerprint: text("key_fingerprint").notNull(),
  startedAt: instant("started_at").notNull(),
  takenAt: instant("taken_at").notNull(),
  status: text("status", { enum: ["complete", "partial", "failed"] }).notNull(),
  demo: boolean("demo").notNull(),
});

export const snapshotAccounts = pgTable(
  "snapshot_accounts",
  {
    snapshotId: bigint("snapshot_id", { mode: "number" }).notNull(),
    account: text("account").notNull(),
    status: text("status", { enum: ["ok", "failed"] }).notNull(),
    errorCode: text("error_code"),
    /** Migration 0008: the account's staking read; null = not recorded (older snapshots, failed accounts). */
    staking: text("staking", { enum: ["staked", "not_permitted", "unavailable"] }),
  },
  (table) => [primaryKey({ columns: [table.snapshotId, table.account] })],
);

/** Migration 0008: staked balances, apart from snapshot_balances so no sum of those ever includes them. */
export const snapshotStakedBalances = pgTable(
  "snapshot_staked_balances",
  {
    snapshotId: bigint("snapshot_id", { mode: "number" }).notNull(),
    account: text("account").notNull(),
    currency: text("currency").notNull(),
    balance: numeric("balance", { mode: "string" }).notNull(),
    /** balance x the price feed's USD price when the snapshot was taken; null without a price. */
    valueUsd: numeric("value_usd", { mode: "string" }),
  },
  (table) => [primaryKey({ columns: [table.snapshotId, table.account, table.currency] })],
);

export const snapshotBalances = pgTable(
  "snapshot_balances",
  {
    snapshotId: bigint("snapshot_id", { mode: "number" }).notNull(),
    account: text("account").notNull(),
    currency: text("currency").notNull(),
    amount: numeric("amount", { mode: "string" }).notNull(),
    available: numeric("available", { mode: "string" }).notNull(),
    availableForWithdrawal: numeric("available_for_withdrawal", { mode: "string" }).notNull(),
    pendingDeposit: numeric("pending_deposit", { mode: "string" }),
    pendingWithdrawal: numeric("pending_withdrawal", { mode: "string" }),
    valueUsd: numeric("value_usd", { mode: "string" }),
    /** Gemini's `_timestamp` exactly as sent (nanoseconds do not fit a JS number). */
    exchangeTimestamp: text("exchange_timestamp"),
    takenAt: instant("taken_at").notNull(),
  },
  (table) => [primaryKey({ columns: [table.snapshotId, table.account, table.currency] })],
);

/** The audit trail (migration 0003): append-only, hash-chained in id order (lib/store/audit.ts). */
export const auditEvents = pgTable("audit_events", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  occurredAt: instant("occurred_at").notNull(),
  event: text("event").notNull(),
  userName: text("user_name"),
  outcome: text("outcome").notNull(),
  account: text("account"),
  address: text("address"),
  /** String values only, so the canonical form (and an exact figure) never passes through a number. */
  details: jsonb("details").$type<Record<string, string>>().notNull(),
  prevHash: text("prev_hash").notNull(),
  hash: text("hash").notNull(),
});

/** One row: the chain's last id and hash, locked by every append. */
export const auditChainHead = pgTable("audit_chain_head", {
  singleton: boolean("singleton").primaryKey(),
  lastId: bigint("last_id", { mode: "number" }).notNull(),
  lastHash: text("last_hash").notNull(),
});

/** What alert rules produced and test sends (migration 0004); delivery fans each out to destinations. */
export const alertEvents = pgTable("alert_events", {
  id: uuid("id").primaryKey(),
  ruleId: bigint("rule_id", { mode: "number" }),
  ruleName: text("rule_name").notNull(),
  kind: text("kind", { enum: ["fired", "resolved", "test"] }).notNull(),
  occurredAt: instant("occurred_at").notNull(),
  snapshotId: bigint("snapshot_id", { mode: "number" }),
  summary: text("summary").notNull(),
  /** Strings only: exact decimals stay strings. */
  details: jsonb("details").$type<Record<string, string>>().notNull(),
  connectionLabel: text("connection_label").notNull(),
  recordedAt: instant("recorded_at").notNull(),
});


export const alertDestinations = pgTable("alert_destinations", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  name: text("name").notNull(),
  kind: text("kind", { enum: ["webhook", "slack"] }).notNull(),
  url: text("url").notNull(),
  secret: text("secret"),
  enabled: boolean("enabled").notNull(),
  builtin: boolean("builtin").notNull(),
  deliverFrom: instant("deliver_from").notNull(),
  createdAt: instant("created_at").notNull(),
  updatedAt: instant("updated_at").notNull(),
});

export const alertDeliveries = pgTable("alert_deliveries", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  eventId: uuid("event_id").notNull(),
  destinationId: bigint("destination_id", { mode: "number" }).notNull(),
  eventOccurredAt: instant("event_occurred_at").notNull(),
  status: text("status", { enum: ["pending", "delivered", "failed", "gave_up"] }).notNull(),
  attempts: integer("attempts").notNull(),
  queuedAt: instant("queued_at").notNull(),
  nextAttemptAt: instant("next_attempt_at"),
  lastStatusCode: integer("last_status_code"),
  lastError: text("last_error"),
  lockedUntil: instant("locked_until"),
  lockedBy: text("locked_by"),
  deliveredAt: instant("delivered_at"),
});

export const alertDeliveryAttempts = pgTable("alert_delivery_attempts", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  deliveryId: bigint("delivery_id", { mode: "number" }).notNull(),
  attempt: integer("attempt").notNull(),
  startedAt: instant("started_at").notNull(),
  durationMs: integer("duration_ms").notNull(),
  statusCode: integer("status_code"),
  error: text("error"),
  outcome: text("outcome", { enum: ["delivered", "retry", "gave_up"] }).notNull(),
  worker: text("worker").notNull(),
});

export const alertDemoReceipts = pgTable("alert_demo_receipts", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  receivedAt: instant("received_at").notNull(),
  eventId: text("event_id"),
  signatureValid: boolean("signature_valid").notNull(),
  verdict: text("verdict").notNull(),
  body: text("body").notNull(),
});

/** `params` is read back through lib/alerts/rules.ts ruleParams, never trusted as typed. */
export const alertRules = pgTable("alert_rules", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  name: text("name").notNull(),
  kind: text("kind").notNull(),
  params: jsonb("params").$type<unknown>().notNull(),
  paused: boolean("paused").notNull(),
  createdAt: instant("created_at").notNull(),
  updatedAt: instant("updated_at").notNull(),
  createdBy: text("created_by"),
});

export const alertRuleState = pgTable("alert_rule_state", {
  ruleId: bigint("rule_id", { mode: "number" }).primaryKey(),
  state: text("state", { enum: ["ok", "firing"] }).notNull(),
  since: instant("since").notNull(),
  lastSnapshotId: bigint("last_snapshot_id", { mode: "number" }),
});

/** Server-side sessions (migration 0007): found by the SHA-256 of the cookie's id (lib/store/sessions.ts). */
export const sessions = pgTable("sessions", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  tokenHash: text("token_hash").notNull(),
  userName: text("user_name").notNull(),
  source: text("source", { enum: ["local", "oidc"] }).notNull(),
  role: text("role", { enum: ["viewer", "auditor", "admin"] }),
  accounts: jsonb("accounts").$type<string[]>(),
  idToken: text("id_token"),
  credential: text("credential"),
  createdAt: instant("created_at").notNull(),
  lastSeenAt: instant("last_seen_at").notNull(),
  expiresAt: instant("expires_at").notNull(),
  endedAt: instant("ended_at"),
  endedReason: text("ended_reason"),
  address: text("address"),
  userAgent: text("user_agent"),
});

export const schema = {
  snapshots,
  snapshotAccounts,
  snapshotBalances,
  auditEvents,
  auditChainHead,
  alertEvents,
  alertRules,
  alertRuleState,
  alertDestinations,
  alertDeliveries,
  alertDeliveryAttempts,
  alertDemoReceipts,
  sessions,
};
