import "server-only";
import type { AlertEvent } from "@/lib/alerts/types";
import type { AlertRuleRecord, Connection, RuleOutcome, SnapshotContents, SnapshotSummary, Store } from "@/lib/store";
import type { KeyRoles } from "@/lib/treasury/types";
import { evaluateRule, nextState, type EvaluationInput, type SnapshotFacts } from "./evaluate";

/**
 * When rules are evaluated: after every snapshot (recorded, or failed before anything could be),
 * and by the periodic check for "no successful snapshot for N hours". Each run evaluates every
 * unpaused rule in one transaction (lib/store/alerts.ts) and records the transitions as events.
 */

export interface AlertCheckDeps {
  /** The key whose snapshots the rules watch; its label goes on every event. */
  connection: Connection;
  /** The key's roles, asked of Gemini afresh: a role rule must see a change. */
  readRoles(): Promise<KeyRoles>;
  clock: { now(): Date };
  /** Told of every recorded event: the deployment hands them to delivery (lib/alerts/delivery/worker.ts). */
  afterEvents?(events: readonly AlertEvent[]): void;
}

function facts(contents: SnapshotContents): SnapshotFacts {
  const { snapshot, accounts, balances, staked } = contents;
  return {
    id: snapshot.id,
    takenAt: snapshot.takenAt,
    status: snapshot.status,
    accounts,
    balances: balances.map(({ account, currency, amount, pendingDeposit, pendingWithdrawal, valueUsd }) => ({
      account,
      currency,
      amount,
      pendingDeposit,
      pendingWithdrawal,
      valueUsd,
    })),
    staked,
  };
}

async function factsOf(store: Store, snapshot: SnapshotSummary | null): Promise<SnapshotFacts | null> {
  if (!snapshot) return null;
  const contents = await store.snapshots.snapshotRows(snapshot.id);
  return contents ? facts(contents) : null;
}

/** Roles are read only when a rule needs them, and a failed read makes them unknown (changes nothing). */
async function rolesFor(rules: readonly AlertRuleRecord[], deps: AlertCheckDeps): Promise<KeyRoles | null> {
  if (!rules.some((rule) => !rule.paused && rule.params.kind === "key_roles")) return null;
  try {
    return await deps.readRoles();
  } catch (error) {
    console.warn(JSON.stringify({ event: "alert_roles_unread", message: error instanceof Error ? error.message : String(error) }));
    return null;
  }
}

/**
 * The one place recorded events leave alerts-core: logged, then handed to the delivery worker
 * (lib/alerts/delivery/worker.ts kickDeliveries(), wired here when it is merged).
 */
function announce(events: readonly AlertEvent[], deps: AlertCheckDeps): void {
  for (const event of events) {
    console.log(JSON.stringify({ event: `alert_${event.kind}`, id: event.id, ruleId: event.ruleId, ruleName: event.ruleName, summary: event.summary }));
  }
  deps.afterEvents?.(events);
}

async function evaluate(store: Store, deps: AlertCheckDeps, input: Omit<EvaluationInput, "roles" | "lastSuccessAt">, readRoles: boolean): Promise<AlertEvent[]> {
  const rules = await store.alerts.listRules();
  if (!rules.some((rule) => !rule.paused)) return [];
  const roles = readRoles ? await rolesFor(rules, deps) : null;
  const last = await store.snapshots.latestSnapshotAt(input.now, deps.connection.keyFingerprint);
  const full: EvaluationInput = { ...input, roles, lastSuccessAt: last?.takenAt ?? null };
  const snapshotId = full.current?.id ?? null;
  const events = await store.alerts.evaluateRules((current) =>
    current.map((rule): RuleOutcome => {
      const transition = evaluateRule(rule, full, rule.state);
      const state = nextState(rule.state, transition, snapshotId);
      if (transition.kind === "none") return { ruleId: rule.id, state, event: null };
      const { kind, occurredAt, summary, details } = transition;
      return {
        ruleId: rule.id,
        state,
        event: { ruleId: rule.id, ruleName: rule.name, kind, occurredAt, snapshotId: transition.snapshotId, summary, details, connectionLabel: deps.connection.label },
      };
    }),
  );
  if (events.length > 0) announce(events, deps);
  return events;
}

/** After a snapshot was recorded (complete, partial or failed). */
export async function checkAfterSnapshot(store: Store, deps: AlertCheckDeps, snapshot: SnapshotSummary): Promise<AlertEvent[]> {
  const [current, previous] = await Promise.all([factsOf(store, snapshot), store.snapshots.previousSnapshot(snapshot).then((found) => factsOf(store, found))]);
  if (!current) return [];
  // The snapshot's own time: a check never sees a snapshot from its future.
  const now = new Date(Math.max(deps.clock.now().getTime(), snapshot.takenAt.getTime()));
  return evaluate(store, deps, { current, previous, now }, true);
}

/** After a snapshot failed before anything could be recorded (the account list did not load). */
export function checkAfterFailure(store: Store, deps: AlertCheckDeps, errorCode: string): Promise<AlertEvent[]> {
  const at = deps.clock.now();
  const current: SnapshotFacts = { id: null, takenAt: at, status: "failed", accounts: [], balances: [], errorCode };
  return evaluate(store, deps, { current, previous: null, now: at }, false);
}

/** The periodic check: only "no successful snapshot for N hours" rules can change without a snapshot. */
export function checkWithoutSnapshot(store: Store, deps: AlertCheckDeps): Promise<AlertEvent[]> {
  return evaluate(store, deps, { current: null, previous: null, now: deps.clock.now() }, false);
}
