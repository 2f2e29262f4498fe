/**
 * The rule form on /alerts as plain values (every field text or a choice), to and from a rule's
 * params. The form sends what was typed; the server's schema (lib/alerts/rules.ts) is the judge.
 * Client-safe.
 */
import type { KeyRoleName, Measure, RuleKind, RuleParams } from "./rules";

export interface RuleFormValues {
  name: string;
  kind: RuleKind;
  /** "" = every account. */
  account: string;
  /** "" = every currency (USD value) or any currency (pending). */
  currency: string;
  measure: Measure;
  direction: "below" | "above";
  changeDirection: "up" | "down" | "either";
  by: "percent" | "amount";
  threshold: string;
  side: "withdrawal" | "deposit";
  /** "" = any pending amount. */
  above: string;
  roles: KeyRoleName[];
  includePartial: boolean;
  hours: string;
}

export const RULE_KIND_LABELS: Readonly<Record<RuleKind, string>> = {
  balance: "Balance below or above a threshold",
  change: "Change between two snapshots",
  pending: "Pending withdrawal or deposit",
  key_roles: "The API key's roles",
  snapshot_failed: "A snapshot fails",
  no_snapshot: "No successful snapshot for a while",
};

export function emptyRuleForm(): RuleFormValues {
  return {
    name: "",
    kind: "balance",
    account: "",
    currency: "USD",
    measure: "amount",
    direction: "below",
    changeDirection: "either",
    by: "percent",
    threshold: "",
    side: "withdrawal",
    above: "",
    roles: ["trader", "fundManager"],
    includePartial: true,
    hours: "6",
  };
}

/** A stored rule in the form, for editing. */
export function ruleFormValues(name: string, params: RuleParams): RuleFormValues {
  const values: RuleFormValues = { ...emptyRuleForm(), name, kind: params.kind };
  switch (params.kind) {
    case "balance":
      return { ...values, account: params.account ?? "", currency: params.currency ?? "", measure: params.measure, direction: params.direction, threshold: params.threshold };
    case "change":
      return {
        ...values,
        account: params.account ?? "",
        currency: params.currency ?? "",
        measure: params.measure,
        by: params.by,
        changeDirection: params.direction,
        threshold: params.threshold,
      };
    case "pending":
      return { ...values, account: params.account ?? "", currency: params.currency ?? "", side: params.side, above: params.above ?? "" };
    case "key_roles":
      return { ...values, roles: [...params.roles] };
    case "snapshot_failed":
      return { ...values, includePartial: params.includePartial };
    case "no_snapshot":
      return { ...values, hours: String(params.hours) };
  }
}

const orNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** The params the form describes, as sent: thresholds stay the exact text typed. */
export function ruleFormParams(values: RuleFormValues): unknown {
  const account = orNull(values.account);
  const currency = orNull(values.currency);
  switch (values.kind) {
    case "balance":
      return { kind: "balance", account, currency, measure: values.measure, direction: values.direction, threshold: values.threshold.trim() };
    case "change":
      return { kind: "change", account, currency, measure: values.measure, by: values.by, direction: values.changeDirection, threshold: values.threshold.trim() };
    case "pending":
      return { kind: "pending", side: values.side, account, currency, above: orNull(values.above) };
    case "key_roles":
      return { kind: "key_roles", roles: values.roles };
    case "snapshot_failed":
      return { kind: "snapshot_failed", includePartial: values.includePartial };
    case "no_snapshot":
      // A whole number goes as one; anything else as typed, for the server to name the problem.
      return { kind: "no_snapshot", hours: /^\d{1,6}$/.test(values.hours.trim()) ? Number(values.hours.trim()) : values.hours };
  }
}
