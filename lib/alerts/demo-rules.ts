import "server-only";
import type { AlertEvent } from "@/lib/alerts/types";
import type { Connection, Store } from "@/lib/store";
import { checkAfterSnapshot } from "./check";
import { ruleParams, type RuleParams } from "./rules";

/** Who made the demo's own rules, as /alerts shows it. */
export const DEMO_RULE_AUTHOR = "demo";

/**
 * The demo's rules: one that the seeded history makes fire (payroll's pending USD withdrawal of
 * 312450.88 in lib/demo-exchange/data.ts) so a new user sees an alert at once, and two that hold.
 */
export const DEMO_RULES: readonly { name: string; params: RuleParams }[] = [
  {
    name: "Large payroll withdrawal",
    params: ruleParams.parse({ kind: "pending", side: "withdrawal", account: "payroll", currency: "USD", above: "250000.00" }),
  },
  {
    name: "Group USD below 10 million",
    params: ruleParams.parse({ kind: "balance", account: null, currency: "USD", measure: "amount", direction: "below", threshold: "10000000.00" }),
  },
  { name: "Snapshot failed or partial", params: ruleParams.parse({ kind: "snapshot_failed", includePartial: true }) },
];

/**
 * Adds the demo's rules to a store that has none, and evaluates them against the newest seeded
 * snapshot (the one before it is where a change is measured from). Returns the events recorded.
 */
export async function seedDemoAlertRules(store: Store, { now, connection }: { now: Date; connection: Connection }): Promise<AlertEvent[]> {
  if ((await store.alerts.listRules()).length > 0) return [];
  for (const rule of DEMO_RULES) await store.alerts.createRule({ ...rule, paused: false, createdBy: DEMO_RULE_AUTHOR, at: now });
  const latest = await store.snapshots.latestSnapshotAt(now, connection.keyFingerprint);
  if (!latest) return [];
  const deps = {
    connection,
    // No demo rule watches the key's roles: they are never asked for while seeding.
    readRoles: () => Promise.reject(new Error("roles are not read while seeding")),
    clock: { now: () => now },
  };
  return checkAfterSnapshot(store, deps, latest);
}
