/**
 * What an alert rule watches: its kinds and their parameters, validated once here (zod) for the
 * API, the form and the store. Thresholds are exact decimal text, never a JS number. Client-safe.
 */
import { z } from "zod";
import { ACCOUNT_NAME_PATTERN } from "@/lib/config/account-name";

export const RULE_KINDS = ["balance", "change", "pending", "key_roles", "snapshot_failed", "no_snapshot"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Longest name a rule may have: it heads a Slack message. */
export const MAX_RULE_NAME_LENGTH = 120;
/** Digits on either side of the point: wider than any balance Gemini reports, narrow enough to read. */
const MAX_WHOLE_DIGITS = 30;
const MAX_FRACTION_DIGITS = 30;
const DECIMAL = new RegExp(`^\\d{1,${MAX_WHOLE_DIGITS}}(\\.\\d{1,${MAX_FRACTION_DIGITS}})?$`);
const CURRENCY = /^[A-Za-z0-9]{2,12}$/;
/** A year: longer than any schedule worth watching. */
export const MAX_STALE_HOURS = 8_760;

/** A non-negative exact decimal as text: "250000.00". No sign, exponent or spaces. */
export const decimalText = z
  .string()
  .regex(DECIMAL, `a threshold is plain decimal text with at most ${MAX_WHOLE_DIGITS} digits before the point and ${MAX_FRACTION_DIGITS} after, e.g. 250000.00`);

const currency = z
  .string()
  .regex(CURRENCY, "a currency is its 2-12 letter code, e.g. USD or BTC")
  .transform((code) => code.toUpperCase());

/** An account's name, or null for every account of the group (or the key's one account). */
const account = z.string().regex(ACCOUNT_NAME_PATTERN, "an account is 1-64 letters, digits, '-' or '_'").nullable();

export const MEASURES = ["amount", "usd_value"] as const;
export type Measure = (typeof MEASURES)[number];
const measure = z.enum(MEASURES);

const balanceRule = z.strictObject({
  kind: z.literal("balance"),
  account,
  /** null: every currency, by USD value only. */
  currency: currency.nullable(),
  measure,
  direction: z.enum(["below", "above"]),
  threshold: decimalText,
});

const changeRule = z.strictObject({
  kind: z.literal("change"),
  account,
  currency: currency.nullable(),
  measure,
  /** percent: |change| x 100 > threshold x |previous|, exactly; amount: |change| > threshold. */
  by: z.enum(["percent", "amount"]),
  direction: z.enum(["up", "down", "either"]),
  threshold: decimalText,
});

const pendingRule = z.strictObject({
  kind: z.literal("pending"),
  side: z.enum(["withdrawal", "deposit"]),
  account,
  /** null: any currency (then only "appears", no amount). */
  currency: currency.nullable(),
  /** null: any pending amount (it appears); else more than this amount of the currency. */
  above: decimalText.nullable(),
});

export const KEY_ROLES = ["trader", "fundManager", "auditor"] as const;
export type KeyRoleName = (typeof KEY_ROLES)[number];

const keyRolesRule = z.strictObject({
  kind: z.literal("key_roles"),
  /** Fires while the key holds any of these. */
  roles: z.array(z.enum(KEY_ROLES)).min(1, "choose at least one role").max(KEY_ROLES.length),
});

const snapshotFailedRule = z.strictObject({
  kind: z.literal("snapshot_failed"),
  /** Also fire when some accounts could not be read. */
  includePartial: z.boolean(),
});

const noSnapshotRule = z.strictObject({
  kind: z.literal("no_snapshot"),
  hours: z.int().min(1).max(MAX_STALE_HOURS),
});

export const ruleParams = z
  .discriminatedUnion("kind", [balanceRule, changeRule, pendingRule, keyRolesRule, snapshotFailedRule, noSnapshotRule])
  .superRefine((params, ctx) => {
    if ((params.kind === "balance" || params.kind === "change") && params.currency === null && params.measure !== "usd_value") {
      ctx.addIssue({ code: "custom", path: ["currency"], message: "amounts of different currencies do not add up: choose a currency, or measure the USD value" });
    }
    if (params.kind === "pending" && params.currency === null && params.above !== null) {
      ctx.addIssue({ code: "custom", path: ["above"], message: "an amount needs a currency: choose one, or leave the amount empty" });
    }
    if (params.kind === "key_roles" && new Set(params.roles).size !== params.roles.length) {
      ctx.addIssue({ code: "custom", path: ["roles"], message: "each role once" });
    }
  });

export type RuleParams = z.output<typeof ruleParams>;
export type BalanceRule = z.output<typeof balanceRule>;
export type ChangeRule = z.output<typeof changeRule>;
export type PendingRule = z.output<typeof pendingRule>;
export type KeyRolesRule = z.output<typeof keyRolesRule>;

const ruleName = z.string().trim().min(1, "a rule needs a name").max(MAX_RULE_NAME_LENGTH, `a name has at most ${MAX_RULE_NAME_LENGTH} characters`);

/** POST /api/alerts/rules */
export const newRuleBody = z.strictObject({ name: ruleName, params: ruleParams, paused: z.boolean().optional() });
export type NewRuleBody = z.output<typeof newRuleBody>;

/** PATCH /api/alerts/rules/{id}: any of them; pausing and resuming is `paused`. */
export const ruleChangeBody = z
  .strictObject({ name: ruleName.optional(), params: ruleParams.optional(), paused: z.boolean().optional() })
  .refine((body) => body.name !== undefined || body.params !== undefined || body.paused !== undefined, {
    message: "send at least one of name, params and paused",
  });
export type RuleChangeBody = z.output<typeof ruleChangeBody>;

/** The first problem of a failed parse, with where it is: "params.threshold: a threshold is ...". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "invalid rule";
  const where = issue.path.map(String).join(".");
  return where ? `${where}: ${issue.message}` : issue.message;
}

/** A rule id in a path: a positive whole number. */
export function ruleIdParam(value: string): number | null {
  if (!/^[1-9]\d{0,14}$/.test(value)) return null;
  return Number(value);
}

const ROLE_NAMES: Readonly<Record<KeyRoleName, string>> = { trader: "Trader", fundManager: "Fund Manager", auditor: "Auditor" };

export function roleName(role: KeyRoleName): string {
  return ROLE_NAMES[role];
}

/** "Trader or Fund Manager". */
export function roleList(roles: readonly KeyRoleName[], joiner: "or" | "and" = "or"): string {
  const names = roles.map(roleName);
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} ${joiner} ${names.at(-1)}`;
}

/** "in primary" or "across all accounts". */
export function whereText(accountName: string | null): string {
  return accountName === null ? "across all accounts" : `in ${accountName}`;
}

/** What is measured: "USD", "the USD value of BTC" or "the total USD value". */
export function measuredText(params: { currency: string | null; measure: Measure }): string {
  if (params.measure === "amount") return params.currency ?? "";
  return params.currency === null ? "the total USD value" : `the USD value of ${params.currency}`;
}

/** The rule's condition in one line, for the list on /alerts: "USD in primary is below 250000.00". */
export function describeRule(params: RuleParams): string {
  switch (params.kind) {
    case "balance":
      return `${measuredText(params)} ${whereText(params.account)} is ${params.direction} ${params.threshold}`;
    case "change": {
      const size = params.by === "percent" ? `${params.threshold}%` : params.threshold;
      const way = params.direction === "either" ? "moves" : params.direction === "up" ? "rises" : "falls";
      return `${measuredText(params)} ${whereText(params.account)} ${way} by more than ${size} between two snapshots`;
    }
    case "pending": {
      const what = params.currency === null ? `a ${params.side}` : `a ${params.currency} ${params.side}`;
      const size = params.above === null ? "" : ` above ${params.above}`;
      return `${what}${size} is pending ${whereText(params.account)}`;
    }
    case "key_roles":
      return `the API key has the ${roleList(params.roles)} role`;
    case "snapshot_failed":
      return params.includePartial ? "a snapshot fails or is partial" : "a snapshot fails";
    case "no_snapshot":
      return `there is no successful snapshot for ${params.hours} ${params.hours === 1 ? "hour" : "hours"}`;
  }
}
