import { describe, expect, it } from "vitest";
import { describeRule, firstIssue, newRuleBody, ruleChangeBody, ruleParams } from "./rules";

const balance = { kind: "balance", account: "primary", currency: "usd", measure: "amount", direction: "below", threshold: "250000.00" };

function issue(input: unknown): string {
  const parsed = ruleParams.safeParse(input);
  if (parsed.success) throw new Error(`accepted ${JSON.stringify(input)}`);
  return firstIssue(parsed.error);
}

describe("rule parameters", () => {
  it("keeps a threshold as the exact text given and upper-cases the currency", () => {
    expect(ruleParams.parse({ ...balance, threshold: "249999.999999999999" })).toEqual({ ...balance, currency: "USD", threshold: "249999.999999999999" });
  });

  it.each(["1e3", "-5", "NaN", "Infinity", " 1", "1.", ".5", "", "1,000"])("refuses the threshold %j", (threshold) => {
    expect(issue({ ...balance, threshold })).toMatch(/^threshold: a threshold is plain decimal text/);
  });

  it("refuses a number where decimal text belongs: a float would already have lost digits", () => {
    expect(issue({ ...balance, threshold: 250000 })).toMatch(/^threshold:/);
  });

  it("refuses amounts of mixed currencies, an amount without a currency, unknown kinds and extra fields", () => {
    expect(issue({ ...balance, currency: null })).toBe("currency: amounts of different currencies do not add up: choose a currency, or measure the USD value");
    expect(issue({ kind: "pending", side: "withdrawal", account: null, currency: null, above: "5" })).toBe(
      "above: an amount needs a currency: choose one, or leave the amount empty",
    );
    expect(issue({ kind: "weather" })).toMatch(/^kind:/);
    expect(issue({ ...balance, extra: 1 })).toMatch(/extra/);
    expect(issue({ kind: "key_roles", roles: [] })).toBe("roles: choose at least one role");
    expect(issue({ kind: "key_roles", roles: ["trader", "trader"] })).toBe("roles: each role once");
    expect(issue({ kind: "no_snapshot", hours: 1.5 })).toMatch(/^hours:/);
    expect(issue({ ...balance, account: "no spaces" })).toMatch(/^account:/);
  });

  it("a change needs at least one field; a name is trimmed and required", () => {
    expect(ruleChangeBody.safeParse({}).success).toBe(false);
    expect(ruleChangeBody.parse({ paused: true })).toEqual({ paused: true });
    expect(newRuleBody.safeParse({ name: "   ", params: balance }).success).toBe(false);
    expect(newRuleBody.parse({ name: " Payroll ", params: balance }).name).toBe("Payroll");
  });

  it("describes each kind in one line", () => {
    expect(describeRule(ruleParams.parse(balance))).toBe("USD in primary is below 250000.00");
    expect(describeRule(ruleParams.parse({ kind: "change", account: null, currency: null, measure: "usd_value", by: "percent", direction: "down", threshold: "5" }))).toBe(
      "the total USD value across all accounts falls by more than 5% between two snapshots",
    );
    expect(describeRule(ruleParams.parse({ kind: "pending", side: "withdrawal", account: "payroll", currency: "USD", above: "250000.00" }))).toBe(
      "a USD withdrawal above 250000.00 is pending in payroll",
    );
    expect(describeRule(ruleParams.parse({ kind: "key_roles", roles: ["trader", "fundManager"] }))).toBe("the API key has the Trader or Fund Manager role");
    expect(describeRule(ruleParams.parse({ kind: "snapshot_failed", includePartial: true }))).toBe("a snapshot fails or is partial");
    expect(describeRule(ruleParams.parse({ kind: "no_snapshot", hours: 1 }))).toBe("there is no successful snapshot for 1 hour");
  });
});
