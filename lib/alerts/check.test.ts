/**
 * Alert rules in the store on both engines (PGlite and a real PostgreSQL server), evaluated as the
 * snapshot hook does: rules and their state, events recorded once per transition, the failure path
 * of takeSnapshot, the periodic check on an injected clock, and two processes checking at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GeminiError } from "@/lib/gemini/errors";
import { takeSnapshot, type SnapshotDeps } from "@/lib/snapshots/take";
import { openStore, type AccountRecord, type Connection, type Store } from "@/lib/store";
import type { KeyRoles } from "@/lib/treasury/types";
import { ENGINE_TIMEOUT_MS, ENGINES, useStoreEngines } from "@/testkit/store-engines";
import { checkAfterSnapshot, checkWithoutSnapshot, type AlertCheckDeps } from "./check";
import { ruleParams } from "./rules";

const { freshLocation } = useStoreEngines();

const HOUR_MS = 3_600_000;
const START = Date.parse("2026-12-01T00:00:00.000Z");
const CONNECTION: Connection = { label: "Test key", keyFingerprint: "alerts-test" };
const below = (threshold: string) => ruleParams.parse({ kind: "balance", account: "primary", currency: "USD", measure: "amount", direction: "below", threshold });
const BELOW = below("250000.00");

/** A clock the test moves by hand. */
function handClock(ms = START) {
  let now = ms;
  return { now: () => new Date(now), set: (at: number) => (now = at) };
}

function deps(clock = handClock(), roles: () => Promise<KeyRoles> = async () => ({ auditor: true, trader: false, fundManager: false })): AlertCheckDeps {
  return { connection: CONNECTION, readRoles: roles, clock };
}

function primaryUsd(amount: string): AccountRecord[] {
  const balance = { currency: "USD", amount, available: amount, availableForWithdrawal: amount, pendingDeposit: null, pendingWithdrawal: null, valueUsd: amount, exchangeTimestamp: null, takenAt: new Date(START) };
  return [{ account: "primary", status: "ok", balances: [balance] }];
}

async function record(store: Store, hours: number, accounts: AccountRecord[]) {
  const at = new Date(START + hours * HOUR_MS);
  return store.snapshots.recordSnapshot({ connection: CONNECTION, startedAt: at, takenAt: at, demo: false, accounts });
}

describe.each(ENGINES)("alert rules on %s", (engine) => {
  let store: Store;

  beforeAll(async () => {
    store = await openStore(await freshLocation(engine));
  }, ENGINE_TIMEOUT_MS);

  afterAll(async () => {
    await store?.close();
  }, ENGINE_TIMEOUT_MS);

  it("keeps a rule's exact parameters, starts it ok, edits, pauses and deletes it", async () => {
    const at = new Date(START);
    const created = await store.alerts.createRule({ name: "Payroll", params: BELOW, paused: false, createdBy: "alice", at });
    expect(created).toMatchObject({ name: "Payroll", params: BELOW, paused: false, createdBy: "alice", state: { state: "ok", since: at, lastSnapshotId: null } });
    expect(created.params).toMatchObject({ threshold: "250000.00" });

    const later = new Date(START + 1000);
    const changed = await store.alerts.updateRule(created.id, { paused: true, params: below("249999.999999999999") }, later);
    expect(changed?.before.paused).toBe(false);
    expect(changed?.after).toMatchObject({ paused: true, updatedAt: later, createdAt: at, params: { threshold: "249999.999999999999" } });
    expect(await store.alerts.updateRule(999_999, { paused: true }, later)).toBeNull();

    expect((await store.alerts.deleteRule(created.id))?.id).toBe(created.id);
    expect(await store.alerts.rule(created.id)).toBeNull();
    expect(await store.alerts.deleteRule(created.id)).toBeNull();
  });

  it("fires exactly once while the balance stays below, resolves at exactly the threshold, and keeps the events after the rule goes", async () => {
    const rule = await store.alerts.createRule({ name: "USD floor", params: BELOW, paused: false, createdBy: null, at: new Date(START) });
    const paused = await store.alerts.createRule({ name: "Paused", params: BELOW, paused: true, createdBy: null, at: new Date(START) });
    const outcomes = [];
    for (const [hours, amount] of [[1, "300000"], [2, "249999.999999999999"], [3, "100"], [4, "250000.00"]] as const) {
      const snapshot = await record(store, hours, primaryUsd(amount));
      outcomes.push(await checkAfterSnapshot(store, deps(handClock(START + hours * HOUR_MS)), snapshot));
    }
    expect(outcomes.map((events) => events.map((event) => event.kind))).toEqual([[], ["fired"], [], ["resolved"]]);
    const fired = outcomes[1]![0]!;
    expect(fired).toMatchObject({
      ruleId: rule.id,
      ruleName: "USD floor",
      occurredAt: new Date(START + 2 * HOUR_MS),
      summary: "USD in primary fell below 250000.00 (now 249999.999999999999).",
      details: { value: "249999.999999999999", threshold: "250000.00" },
      connectionLabel: "Test key",
    });
    expect(fired.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await store.alerts.rule(rule.id))?.state).toEqual({ state: "ok", since: new Date(START + 4 * HOUR_MS), lastSnapshotId: expect.any(Number) });
    // A paused rule is never evaluated: still ok since it was made.
    expect((await store.alerts.rule(paused.id))?.state).toEqual({ state: "ok", since: new Date(START), lastSnapshotId: null });

    await store.alerts.deleteRule(rule.id);
    await store.alerts.deleteRule(paused.id);
    const events = await store.alerts.listEvents({ limit: 10 });
    expect(events.filter((event) => event.ruleId === rule.id).map((event) => event.kind)).toEqual(["resolved", "fired"]);
  });

  it("measures a change from the snapshot before, and reads the key's roles afresh only for a role rule", async () => {
    const change = await store.alerts.createRule({
      name: "Big move",
      params: ruleParams.parse({ kind: "change", account: "primary", currency: "USD", measure: "amount", by: "percent", direction: "either", threshold: "10" }),
      paused: false,
      createdBy: null,
      at: new Date(START),
    });
    let rolesRead = 0;
    const roles = async () => {
      rolesRead += 1;
      return { auditor: true, trader: rolesRead > 1, fundManager: false };
    };
    await record(store, 9, primaryUsd("100"));
    const first = await checkAfterSnapshot(store, deps(handClock(), roles), await record(store, 10, primaryUsd("1000")));
    expect(first.map((event) => event.summary)).toEqual(["USD in primary rose by 900.00% since the previous snapshot (from 100 to 1000), more than 10%."]);
    expect(rolesRead).toBe(0);

    const trader = await store.alerts.createRule({ name: "Trader", params: ruleParams.parse({ kind: "key_roles", roles: ["trader"] }), paused: false, createdBy: null, at: new Date(START) });
    expect((await checkAfterSnapshot(store, deps(handClock(), roles), await record(store, 11, primaryUsd("1000")))).map((event) => event.kind)).toEqual(["resolved"]);
    const gained = await checkAfterSnapshot(store, deps(handClock(), roles), await record(store, 12, primaryUsd("1000")));
    expect(gained.map((event) => [event.ruleName, event.summary])).toEqual([["Trader", "The API key has the Trader role."]]);
    expect(rolesRead).toBe(2);
    // Roles that cannot be read change nothing.
    const unread = await checkAfterSnapshot(store, deps(handClock(), () => Promise.reject(new GeminiError("timeout"))), await record(store, 13, primaryUsd("1000")));
    expect(unread).toEqual([]);
    expect((await store.alerts.rule(trader.id))?.state.state).toBe("firing");
    await store.alerts.deleteRule(change.id);
    await store.alerts.deleteRule(trader.id);
  });

  it("a snapshot that fails before anything is recorded fires 'snapshot failed'; the next good one resolves it", async () => {
    const rule = await store.alerts.createRule({ name: "Snapshots", params: ruleParams.parse({ kind: "snapshot_failed", includePartial: false }), paused: false, createdBy: null, at: new Date(START) });
    const clock = handClock(START + 20 * HOUR_MS);
    const snapshotDeps = (accounts: () => Promise<(string | null)[]>): SnapshotDeps => ({
      store: async () => store,
      connection: CONNECTION,
      demo: false,
      keepAllDays: null,
      clock,
      reader: {
        accounts,
        balances: async () => ({
          timestamp: null,
          balances: [{ type: "exchange", currency: "USD", amount: "5", available: "5", availableForWithdrawal: "5" }],
          staking: { state: "staked", balances: [] },
        }),
        valuesUsd: async () => [],
        pricesUsd: async () => null,
      },
      alerts: deps(clock),
    });
    await expect(takeSnapshot(snapshotDeps(() => Promise.reject(new GeminiError("timeout"))))).rejects.toThrow();
    let events = await store.alerts.listEvents({ limit: 1 });
    expect(events[0]).toMatchObject({ ruleId: rule.id, kind: "fired", snapshotId: null, summary: "The snapshot failed: upstream_timeout.", occurredAt: new Date(START + 20 * HOUR_MS) });

    clock.set(START + 21 * HOUR_MS);
    const snapshot = await takeSnapshot(snapshotDeps(async () => ["primary"]));
    events = await store.alerts.listEvents({ limit: 1 });
    expect(events[0]).toMatchObject({ ruleId: rule.id, kind: "resolved", snapshotId: snapshot.id });
    await store.alerts.deleteRule(rule.id);
  });

  it("the periodic check fires 'no snapshot for N hours' on its clock, once, and a snapshot resolves it", async () => {
    const last = await record(store, 30, primaryUsd("1"));
    const rule = await store.alerts.createRule({ name: "Stale", params: ruleParams.parse({ kind: "no_snapshot", hours: 6 }), paused: false, createdBy: null, at: new Date(START) });
    const clock = handClock(START + 35 * HOUR_MS);
    expect(await checkWithoutSnapshot(store, deps(clock))).toEqual([]);
    clock.set(START + 36 * HOUR_MS);
    const fired = await checkWithoutSnapshot(store, deps(clock));
    expect(fired).toMatchObject([{ kind: "fired", snapshotId: null, occurredAt: new Date(START + 36 * HOUR_MS), summary: `No successful snapshot for 6 hours: the last was taken at ${last.takenAt.toISOString()}.` }]);
    clock.set(START + 37 * HOUR_MS);
    expect(await checkWithoutSnapshot(store, deps(clock))).toEqual([]);
    const resolved = await checkAfterSnapshot(store, deps(clock), await record(store, 37, primaryUsd("1")));
    expect(resolved.map((event) => [event.ruleId, event.kind])).toEqual([[rule.id, "resolved"]]);
    await store.alerts.deleteRule(rule.id);
  });

  it("lists events newest first, up to the limit", async () => {
    const recorded = await store.alerts.recordEvents(
      [1, 2, 3].map((n) => ({ ruleId: null, ruleName: `test ${n}`, kind: "test" as const, occurredAt: new Date(START + 100 * HOUR_MS + n), snapshotId: null, summary: "A test.", details: {}, connectionLabel: "Test key" })),
    );
    expect(new Set(recorded.map((event) => event.id)).size).toBe(3);
    expect((await store.alerts.listEvents({ limit: 2 })).map((event) => event.ruleName)).toEqual(["test 3", "test 2"]);
  });
});

describe("two processes checking one PostgreSQL database at once", () => {
  it("record each transition once", async () => {
    const location = await freshLocation("postgres");
    const [a, b] = await Promise.all([openStore(location), openStore(location)]);
    try {
      await a.alerts.createRule({ name: "USD floor", params: BELOW, paused: false, createdBy: null, at: new Date(START) });
      await a.alerts.createRule({ name: "Stale", params: ruleParams.parse({ kind: "no_snapshot", hours: 1 }), paused: false, createdBy: null, at: new Date(START) });
      const snapshot = await record(a, 1, primaryUsd("5"));
      const clock = handClock(START + 3 * HOUR_MS);
      const results = await Promise.all([
        checkAfterSnapshot(a, deps(clock), snapshot),
        checkAfterSnapshot(b, deps(clock), snapshot),
        checkWithoutSnapshot(a, deps(clock)),
        checkWithoutSnapshot(b, deps(clock)),
      ]);
      const kinds = results.flat().map((event) => `${event.ruleName} ${event.kind}`);
      expect(kinds.sort()).toEqual(["Stale fired", "USD floor fired"]);
      expect(await a.alerts.listEvents({ limit: 10 })).toHaveLength(2);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, ENGINE_TIMEOUT_MS);
});
