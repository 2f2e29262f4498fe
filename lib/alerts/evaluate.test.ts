/** Rules against sequences of snapshots: fire once, stay quiet while true, resolve, exact at the boundary. */
import { describe, expect, it } from "vitest";
import type { KeyRoles } from "@/lib/treasury/types";
import { evaluateRule, nextState, type EvaluationInput, type RuleState, type SnapshotFacts, type Transition } from "./evaluate";
import { ruleParams, type RuleParams } from "./rules";

const START = Date.parse("2026-12-01T00:00:00.000Z");
const HOUR_MS = 3_600_000;
const CREATED = new Date(START - HOUR_MS);

type Rows = Record<string, Record<string, { amount: string; valueUsd?: string | null; pendingWithdrawal?: string; pendingDeposit?: string }>>;

/** Snapshot `id`, taken `id` hours after START; an account given as "failed" failed. */
function snapshot(id: number, accounts: Record<string, Rows[string] | "failed">): SnapshotFacts {
  const entries = Object.entries(accounts);
  const failed = entries.filter(([, rows]) => rows === "failed").length;
  return {
    id,
    takenAt: new Date(START + id * HOUR_MS),
    status: failed === 0 ? "complete" : failed === entries.length ? "failed" : "partial",
    accounts: entries.map(([account, rows]) => (rows === "failed" ? { account, status: "failed", errorCode: "upstream_timeout" } : { account, status: "ok", errorCode: null })),
    balances: entries.flatMap(([account, rows]) =>
      rows === "failed"
        ? []
        : Object.entries(rows).map(([currency, row]) => ({
            account,
            currency,
            amount: row.amount,
            valueUsd: row.valueUsd === undefined ? row.amount : row.valueUsd,
            pendingWithdrawal: row.pendingWithdrawal ?? null,
            pendingDeposit: row.pendingDeposit ?? null,
          })),
    ),
  };
}

const usd = (id: number, amount: string, account = "primary") => snapshot(id, { [account]: { USD: { amount } } });

function rule(params: unknown) {
  return { id: 1, name: "test rule", params: ruleParams.parse(params) as RuleParams, createdAt: CREATED };
}

interface Step {
  current: SnapshotFacts | null;
  roles?: KeyRoles | null;
  /** The periodic check's time; a snapshot's own time otherwise. */
  now?: Date;
}

/** Runs a rule over the steps as the hook does (previous = last snapshot holding balances) and returns each step's transition. */
function run(params: unknown, steps: readonly (SnapshotFacts | Step)[]): Transition[] {
  const subject = rule(params);
  let state: RuleState = { state: "ok", since: CREATED, lastSnapshotId: null };
  let previous: SnapshotFacts | null = null;
  let lastSuccessAt: Date | null = null;
  return steps.map((given) => {
    const step: Step = "current" in given ? given : { current: given };
    const { current } = step;
    if (current && current.status !== "failed") lastSuccessAt = current.takenAt;
    const input: EvaluationInput = { previous, current, roles: step.roles ?? null, lastSuccessAt, now: step.now ?? current?.takenAt ?? new Date(START) };
    const transition = evaluateRule(subject, input, state);
    state = nextState(state, transition, current?.id ?? null);
    if (current && current.status !== "failed") previous = current;
    return transition;
  });
}

const kinds = (transitions: readonly Transition[]) => transitions.map((transition) => transition.kind);

describe("balance below / above a threshold", () => {
  const below = { kind: "balance", account: "primary", currency: "USD", measure: "amount", direction: "below", threshold: "250000.00" };

  it("fires once when the balance falls below, stays quiet while it holds, resolves at exactly the threshold", () => {
    const transitions = run(below, [usd(1, "300000"), usd(2, "249999.999999999999"), usd(3, "1.00"), usd(4, "250000.00"), usd(5, "250000.000000000001")]);
    expect(kinds(transitions)).toEqual(["none", "fired", "none", "resolved", "none"]);
    expect(transitions[1]).toEqual({
      kind: "fired",
      occurredAt: new Date(START + 2 * HOUR_MS),
      snapshotId: 2,
      summary: "USD in primary fell below 250000.00 (now 249999.999999999999).",
      details: {
        rule: "balance",
        condition: "USD in primary is below 250000.00",
        account: "primary",
        currency: "USD",
        measure: "amount",
        direction: "below",
        threshold: "250000.00",
        value: "249999.999999999999",
      },
    });
    expect(transitions[3]).toMatchObject({ summary: "USD in primary is back at or above 250000.00 (now 250000.00)." });
  });

  it("fires on the very first snapshot when the condition already holds", () => {
    expect(kinds(run(below, [usd(1, "10")]))).toEqual(["fired"]);
  });

  it("compares 250000.00 and 249999.999999999999 exactly, not as floats (both are 250000 as a JS number)", () => {
    const above = { ...below, direction: "above", threshold: "249999.999999999999" };
    expect(kinds(run(above, [usd(1, "249999.999999999999"), usd(2, "250000.00"), usd(3, "249999.999999999999")]))).toEqual(["none", "fired", "resolved"]);
  });

  it("sums a currency across every account of the group", () => {
    const group = { ...below, account: null, threshold: "100" };
    const split = (id: number, a: string, b: string) => snapshot(id, { primary: { USD: { amount: a } }, payroll: { USD: { amount: b } } });
    expect(kinds(run(group, [split(1, "60", "40"), split(2, "60", "39.99"), split(3, "0.01", "99.99")]))).toEqual(["none", "fired", "resolved"]);
  });

  it("counts a currency the account does not list as zero", () => {
    expect(kinds(run({ ...below, currency: "EUR" }, [usd(1, "5")]))).toEqual(["fired"]);
  });

  it("changes nothing when the account could not be read, or is not in the snapshot", () => {
    const transitions = run(below, [usd(1, "300000"), snapshot(2, { primary: "failed", payroll: { USD: { amount: "1" } } }), usd(3, "1", "payroll")]);
    expect(kinds(transitions)).toEqual(["none", "none", "none"]);
  });

  it("over a partial group: a sum already above the threshold is above; one below proves nothing", () => {
    const partial = (id: number, amount: string) => snapshot(id, { primary: { USD: { amount } }, treasury: "failed" });
    const above = { ...below, account: null, direction: "above", threshold: "100" };
    expect(kinds(run(above, [usd(1, "50"), partial(2, "100.01")]))).toEqual(["none", "fired"]);
    expect(kinds(run({ ...above, direction: "below" }, [usd(1, "500"), partial(2, "1")]))).toEqual(["none", "none"]);
    // The missing account cannot make the group's sum smaller: a sum at or above is not below.
    expect(kinds(run({ ...above, direction: "below" }, [usd(1, "50"), partial(2, "100")]))).toEqual(["fired", "resolved"]);
  });

  it("measures the USD value, of one currency or of all; a missing value for a held amount is unknown", () => {
    const btc = (id: number, valueUsd: string | null, amount = "1") =>
      snapshot(id, { primary: { BTC: { amount, valueUsd }, USD: { amount: "100.00" } } });
    const rule = { kind: "balance", account: "primary", currency: "BTC", measure: "usd_value", direction: "below", threshold: "90000" };
    expect(kinds(run(rule, [btc(1, "95000.00"), btc(2, null), btc(3, "89999.99"), btc(4, "90000")]))).toEqual(["none", "none", "fired", "resolved"]);
    // Every currency's value: a zero amount without a value counts as nothing.
    const total = { ...rule, currency: null, threshold: "95100.01" };
    const transitions = run(total, [btc(1, "95000.00"), btc(2, "95000.01"), btc(3, null, "0")]);
    expect(kinds(transitions)).toEqual(["fired", "resolved", "fired"]);
    expect(transitions[1]).toMatchObject({ summary: "The total USD value in primary is back at or above 95100.01 (now 95100.01)." });
  });

  it("changes nothing on a failed snapshot", () => {
    expect(kinds(run(below, [usd(1, "1"), snapshot(2, { primary: "failed" }), usd(3, "300000")]))).toEqual(["fired", "none", "resolved"]);
  });
});

describe("staked value in the total USD value", () => {
  /** primary holds 100 USD on the exchange; `staking` its staking state, `stakedUsd` its staked ETH's value. */
  const withStaking = (id: number, staking: "staked" | "unavailable" | null, stakedUsd: string | null = "50.00"): SnapshotFacts => {
    const base = snapshot(id, { primary: { USD: { amount: "100.00" } } });
    return {
      ...base,
      accounts: base.accounts.map((entry) => ({ ...entry, staking })),
      staked: staking === "staked" ? [{ account: "primary", currency: "ETH", balance: "0.0147058823529411764705", valueUsd: stakedUsd }] : [],
    };
  };
  const total = { kind: "balance", account: null, currency: null, measure: "usd_value", direction: "below", threshold: "150.00" };

  it("counts staked value in the total, exactly, where staking was read; never in a currency's amount or value", () => {
    expect(kinds(run(total, [withStaking(1, "staked"), withStaking(2, "staked", "49.99"), withStaking(3, "staked", "50.00")]))).toEqual(["none", "fired", "resolved"]);
    const usdAmount = { ...total, currency: "USD", measure: "amount", threshold: "100.01" };
    expect(kinds(run(usdAmount, [withStaking(1, "staked")]))).toEqual(["fired"]);
  });

  it("an account without staking stands without it (as on screen); a staked value without a price is unknown", () => {
    expect(kinds(run(total, [withStaking(1, "unavailable")]))).toEqual(["fired"]);
    expect(kinds(run(total, [withStaking(1, "staked", null)]))).toEqual(["none"]);
  });

  it("a change rule ignores a change in what was seen: staking first recorded, or unreadable, moves nothing", () => {
    const change = { kind: "change", account: null, currency: null, measure: "usd_value", by: "amount", direction: "either", threshold: "10" };
    expect(kinds(run(change, [withStaking(1, null), withStaking(2, "staked"), withStaking(3, "unavailable"), withStaking(4, "unavailable")]))).toEqual([
      "none",
      "none",
      "none",
      "none",
    ]);
    expect(kinds(run(change, [withStaking(1, "staked", "50.00"), withStaking(2, "staked", "70.00")]))).toEqual(["none", "fired"]);
  });
});

describe("change between consecutive snapshots", () => {
  const percent = { kind: "change", account: "primary", currency: "USD", measure: "amount", by: "percent", direction: "either", threshold: "10" };

  it("fires above X percent exactly: 10% is not more than 10%, 10.000000000000000001% is", () => {
    const transitions = run(percent, [usd(1, "100"), usd(2, "110"), usd(3, "121.000000000000000001"), usd(4, "133.2"), usd(5, "133.2")]);
    expect(kinds(transitions)).toEqual(["none", "none", "fired", "none", "resolved"]);
    expect(transitions[2]).toMatchObject({
      summary: "USD in primary rose by 10.00% since the previous snapshot (from 110 to 121.000000000000000001), more than 10%.",
      details: { previous: "110", value: "121.000000000000000001", change: "11.000000000000000001", changePercent: "10.00" },
    });
  });

  it("only the chosen direction counts, and a fall is reported as one", () => {
    const down = { ...percent, direction: "down", threshold: "5" };
    const transitions = run(down, [usd(1, "100"), usd(2, "200"), usd(3, "100")]);
    expect(kinds(transitions)).toEqual(["none", "none", "fired"]);
    expect(transitions[2]).toMatchObject({ summary: "USD in primary fell by 50.00% since the previous snapshot (from 200 to 100), more than 5%." });
  });

  it("by amount: more than the threshold, exactly", () => {
    const amount = { ...percent, by: "amount", threshold: "1000.00" };
    expect(kinds(run(amount, [usd(1, "5000"), usd(2, "4000"), usd(3, "2999.99"), usd(4, "2999.99")]))).toEqual(["none", "none", "fired", "resolved"]);
  });

  it("from zero any change is more than any percentage; no change is none", () => {
    expect(kinds(run(percent, [usd(1, "0"), usd(2, "0"), usd(3, "0.000001")]))).toEqual(["none", "none", "fired"]);
  });

  it("compares with the last snapshot holding balances, and never across a partial one", () => {
    const partial = snapshot(3, { primary: { USD: { amount: "500" } }, treasury: "failed" });
    const group = { ...percent, account: null };
    expect(kinds(run(group, [usd(1, "100"), snapshot(2, { primary: "failed" }), partial, usd(4, "100")]))).toEqual(["none", "none", "none", "none"]);
    expect(kinds(run(percent, [usd(1, "100"), snapshot(2, { primary: "failed" }), usd(3, "200")]))).toEqual(["none", "none", "fired"]);
  });
});

describe("pending withdrawals and deposits", () => {
  const pending = (id: number, usdWithdrawal?: string, btcWithdrawal?: string) =>
    snapshot(id, { payroll: { USD: { amount: "1", pendingWithdrawal: usdWithdrawal }, BTC: { amount: "1", pendingWithdrawal: btcWithdrawal } } });

  it("fires when a withdrawal appears in any currency, naming them", () => {
    const transitions = run({ kind: "pending", side: "withdrawal", account: null, currency: null, above: null }, [pending(1, "0"), pending(2, "0", "1.5"), pending(3, "10", "1.5"), pending(4)]);
    expect(kinds(transitions)).toEqual(["none", "fired", "none", "resolved"]);
    expect(transitions[1]).toMatchObject({ summary: "Withdrawals are pending across all accounts: BTC 1.5.", details: { "pending.BTC": "1.5" } });
    expect(transitions[3]).toMatchObject({ summary: "No withdrawal is pending across all accounts any more." });
  });

  it("fires when a currency's pending amount exceeds a threshold, exactly", () => {
    const rule = { kind: "pending", side: "withdrawal", account: "payroll", currency: "USD", above: "250000.00" };
    const transitions = run(rule, [pending(1, "250000.00"), pending(2, "250000.01"), pending(3, "250000")]);
    expect(kinds(transitions)).toEqual(["none", "fired", "resolved"]);
    expect(transitions[1]).toMatchObject({ summary: "A USD withdrawal of 250000.01 is pending in payroll, above 250000.00." });
  });

  it("deposits are their own side", () => {
    const deposit = snapshot(1, { primary: { USD: { amount: "1", pendingDeposit: "5", pendingWithdrawal: "0" } } });
    expect(kinds(run({ kind: "pending", side: "deposit", account: null, currency: "USD", above: null }, [deposit]))).toEqual(["fired"]);
    expect(kinds(run({ kind: "pending", side: "withdrawal", account: null, currency: "USD", above: null }, [deposit]))).toEqual(["none"]);
  });
});

describe("the key's roles", () => {
  const roles = (trader: boolean, fundManager = false): KeyRoles => ({ auditor: true, trader, fundManager });
  const watch = { kind: "key_roles", roles: ["trader", "fundManager"] };

  it("fires when the key gains Trader or Fund Manager, once, and resolves when it loses them; unknown roles change nothing", () => {
    const transitions = run(watch, [
      { current: usd(1, "1"), roles: roles(false) },
      { current: usd(2, "1"), roles: roles(true) },
      { current: usd(3, "1"), roles: roles(true, true) },
      { current: usd(4, "1"), roles: null },
      { current: usd(5, "1"), roles: roles(false) },
    ]);
    expect(kinds(transitions)).toEqual(["none", "fired", "none", "none", "resolved"]);
    expect(transitions[1]).toMatchObject({ summary: "The API key has the Trader role." });
    expect(transitions[4]).toMatchObject({ summary: "The API key no longer has the Trader or Fund Manager role." });
  });
});

describe("snapshot failed or partial", () => {
  const ok = (id: number) => snapshot(id, { primary: { USD: { amount: "1" } }, treasury: { USD: { amount: "1" } } });
  const partial = (id: number) => snapshot(id, { primary: { USD: { amount: "1" } }, treasury: "failed" });
  const failed = (id: number) => snapshot(id, { primary: "failed", treasury: "failed" });
  /** A snapshot whose account list did not load: nothing was recorded. */
  const unrecorded = (hours: number): SnapshotFacts => ({ id: null, takenAt: new Date(START + hours * HOUR_MS), status: "failed", accounts: [], balances: [], errorCode: "upstream_timeout" });

  it("fires on a failed snapshot, recorded or not, and resolves on the next good one", () => {
    const transitions = run({ kind: "snapshot_failed", includePartial: false }, [ok(1), partial(2), failed(3), unrecorded(3.5), ok(4)]);
    expect(kinds(transitions)).toEqual(["none", "none", "fired", "none", "resolved"]);
    expect(transitions[2]).toMatchObject({ summary: "The snapshot failed: no account could be read." });
    expect(transitions[4]).toMatchObject({ summary: "Snapshots succeed again: the last one was complete." });
    expect(run({ kind: "snapshot_failed", includePartial: false }, [unrecorded(1)])[0]).toMatchObject({
      kind: "fired",
      snapshotId: null,
      summary: "The snapshot failed: upstream_timeout.",
    });
  });

  it("with includePartial, a partial snapshot fires too, naming the accounts", () => {
    const transitions = run({ kind: "snapshot_failed", includePartial: true }, [partial(1), failed(2), ok(3)]);
    expect(kinds(transitions)).toEqual(["fired", "none", "resolved"]);
    expect(transitions[0]).toMatchObject({ summary: "The snapshot was partial: treasury could not be read.", details: { failedAccounts: "treasury" } });
  });
});

describe("no successful snapshot for N hours", () => {
  const stale = { kind: "no_snapshot", hours: 6 };
  const at = (hours: number) => ({ current: null, now: new Date(START + hours * HOUR_MS) });

  it("fires at exactly N hours after the last good snapshot on the periodic check, and resolves with the next good one", () => {
    const transitions = run(stale, [usd(1, "1"), at(6.99), at(7), at(8), snapshot(9, { primary: "failed" }), usd(10, "1"), at(11)]);
    expect(kinds(transitions)).toEqual(["none", "none", "fired", "none", "none", "resolved", "none"]);
    expect(transitions[2]).toMatchObject({
      occurredAt: new Date(START + 7 * HOUR_MS),
      snapshotId: null,
      summary: "No successful snapshot for 6 hours: the last was taken at 2026-12-01T01:00:00.000Z.",
    });
  });

  it("counts from the rule's creation when no snapshot ever succeeded", () => {
    expect(kinds(run(stale, [at(4), at(5)]))).toEqual(["none", "fired"]);
  });
});

describe("order", () => {
  it("never evaluates a snapshot older than one already seen", () => {
    const below = { kind: "balance", account: "primary", currency: "USD", measure: "amount", direction: "below", threshold: "10" };
    expect(kinds(run(below, [usd(5, "1"), usd(4, "100"), usd(5, "100")]))).toEqual(["fired", "none", "none"]);
  });
});
