import { describe, expect, it } from "vitest";
import { emptyRuleForm, ruleFormParams, ruleFormValues } from "./form";
import { ruleParams, type RuleParams } from "./rules";

const EXAMPLES: RuleParams[] = [
  { kind: "balance", account: "primary", currency: "USD", measure: "amount", direction: "below", threshold: "249999.999999999999" },
  { kind: "balance", account: null, currency: null, measure: "usd_value", direction: "above", threshold: "1000000" },
  { kind: "change", account: null, currency: "BTC", measure: "amount", by: "percent", direction: "down", threshold: "12.5" },
  { kind: "pending", side: "deposit", account: null, currency: null, above: null },
  { kind: "pending", side: "withdrawal", account: "payroll", currency: "USD", above: "250000.00" },
  { kind: "key_roles", roles: ["fundManager"] },
  { kind: "snapshot_failed", includePartial: false },
  { kind: "no_snapshot", hours: 24 },
];

describe("the rule form", () => {
  it.each(EXAMPLES)("gives back the params it was filled from, thresholds as the exact text: %j", (params) => {
    expect(ruleParams.parse(ruleFormParams(ruleFormValues("A rule", params)))).toEqual(params);
  });

  it("sends empty account and currency as every account / any currency, and what was typed for the server to judge", () => {
    const values = { ...emptyRuleForm(), kind: "pending" as const, currency: " ", account: "" };
    expect(ruleFormParams(values)).toEqual({ kind: "pending", side: "withdrawal", account: null, currency: null, above: null });
    expect(ruleFormParams({ ...emptyRuleForm(), kind: "no_snapshot", hours: "1.5" })).toEqual({ kind: "no_snapshot", hours: "1.5" });
    expect(ruleParams.safeParse(ruleFormParams({ ...emptyRuleForm(), threshold: "1e3" })).success).toBe(false);
  });
});
