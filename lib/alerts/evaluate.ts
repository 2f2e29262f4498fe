/**
 * Whether an alert rule fires or resolves: one pure function of the rule, what the snapshots show
 * and the rule's state, so every case is a unit test (lib/alerts/evaluate.test.ts). A rule fires on
 * the change from ok to firing only, and resolves on the change back; while it holds, nothing.
 * What cannot be known (an account that failed, a value Gemini did not give) changes nothing.
 * Every figure is compared exactly with big.js. Client-safe: no server imports.
 */
import Big from "big.js";
import { sumDecimals } from "@/lib/treasury/money";
import type { KeyRoles } from "@/lib/treasury/types";
import {
  describeRule,
  measuredText,
  roleList,
  whereText,
  type BalanceRule,
  type ChangeRule,
  type KeyRoleName,
  type KeyRolesRule,
  type PendingRule,
  type RuleParams,
} from "./rules";

export type RuleStateName = "ok" | "firing";

export interface RuleState {
  state: RuleStateName;
  /** When it became so (a new rule is ok since it was made). */
  since: Date;
  /** The newest snapshot the rule was evaluated against: an older one never moves it back. */
  lastSnapshotId: number | null;
}

export interface RuleToEvaluate {
  id: number;
  name: string;
  params: RuleParams;
  /** "No snapshot for N hours" counts from here when no snapshot ever succeeded. */
  createdAt: Date;
}

/** One stored balance as a rule reads it; figures are exact decimal text. */
export interface BalanceFacts {
  account: string;
  currency: string;
  amount: string;
  pendingDeposit: string | null;
  pendingWithdrawal: string | null;
  valueUsd: string | null;
}

/** One stored staked balance: apart from the balances, counted only in the total USD value. */
export interface StakedFacts {
  account: string;
  currency: string;
  balance: string;
  valueUsd: string | null;
}

/** An account's staking in a snapshot: read ("staked"), unreadable, or null: not recorded (older snapshots). */
export type StakingFact = "staked" | "not_permitted" | "unavailable" | null;

/** One snapshot as a rule sees it. */
export interface SnapshotFacts {
  /** null: the snapshot failed before anything could be recorded (the account list did not load). */
  id: number | null;
  takenAt: Date;
  status: "complete" | "partial" | "failed";
  accounts: readonly { account: string; status: "ok" | "failed"; errorCode: string | null; staking?: StakingFact }[];
  balances: readonly BalanceFacts[];
  /** Staked balances (absent: none recorded). */
  staked?: readonly StakedFacts[];
  /** Why an unrecorded snapshot failed (an API error code). */
  errorCode?: string;
}

export interface EvaluationInput {
  /** The snapshot before `current` that holds balances (not failed); null when there is none. */
  previous: SnapshotFacts | null;
  /** The snapshot just taken; null for the periodic check, which only "no snapshot" rules answer. */
  current: SnapshotFacts | null;
  /** The key's roles read with this snapshot; null when not read (no role rule, or the read failed). */
  roles: KeyRoles | null;
  /** When the newest snapshot holding balances was taken. */
  lastSuccessAt: Date | null;
  now: Date;
}

export type Transition =
  | { kind: "none" }
  | {
      kind: "fired" | "resolved";
      /** The snapshot's time, or now for the periodic check. */
      occurredAt: Date;
      snapshotId: number | null;
      /** One sentence a person reads in Slack. */
      summary: string;
      /** String values only: exact decimals stay text. */
      details: Record<string, string>;
    };

/** What a rule's condition is now: holds or not, how to say so either way; null when it cannot be known. */
interface Verdict {
  holds: boolean;
  fired: string;
  resolved: string;
  details: Record<string, string>;
}

const NONE: Transition = { kind: "none" };
const HOUR_MS = 3_600_000;
/** Percentages in summaries: floored (never shows a bigger move than there was), to this many places. */
const PERCENT_DECIMALS = 2;
const Floored = Big();
Floored.DP = PERCENT_DECIMALS;
Floored.RM = Big.roundDown;

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const accountDetail = (name: string | null) => name ?? "all";

/** A figure summed over the accounts a rule covers; incomplete when some of them failed. */
interface Measured {
  value: Big;
  text: string;
  complete: boolean;
}

/** The balances of the accounts a rule covers, or null when none of them could be read. */
function covered(snapshot: SnapshotFacts, account: string | null): { rows: BalanceFacts[]; ok: Set<string>; complete: boolean } | null {
  const accounts = account === null ? snapshot.accounts : snapshot.accounts.filter((entry) => entry.account === account);
  const ok = new Set(accounts.filter((entry) => entry.status === "ok").map((entry) => entry.account));
  if (ok.size === 0) return null;
  return { rows: snapshot.balances.filter((row) => ok.has(row.account)), ok, complete: ok.size === accounts.length };
}

/** The total USD value counts staked value, as every total does; a currency's amount or value is Gemini's exchange figure. */
const countsStaked = (rule: Pick<BalanceRule, "currency" | "measure">) => rule.measure === "usd_value" && rule.currency === null;

/** Accounts whose staking was read in the snapshot: their staked value is known (the others stand without it, as on screen). */
function stakedAccounts(snapshot: SnapshotFacts): Set<string> {
  return new Set(snapshot.accounts.filter((entry) => entry.staking === "staked").map((entry) => entry.account));
}

/**
 * Amount or USD value of a currency (or every currency's USD value, staked value of `staking`'s
 * accounts included); null when a needed USD value is missing.
 */
function measure(snapshot: SnapshotFacts, rule: Pick<BalanceRule, "account" | "currency" | "measure">, staking: ReadonlySet<string> = stakedAccounts(snapshot)): Measured | null {
  const scope = covered(snapshot, rule.account);
  if (!scope) return null;
  const rows = scope.rows.filter((row) => rule.currency === null || row.currency === rule.currency);
  const figures: string[] = [];
  for (const row of rows) {
    if (rule.measure === "amount") figures.push(row.amount);
    else if (row.valueUsd !== null) figures.push(row.valueUsd);
    else if (!new Big(row.amount).eq(0)) return null;
  }
  for (const row of countsStaked(rule) ? (snapshot.staked ?? []) : []) {
    if (!staking.has(row.account) || !scope.ok.has(row.account)) continue;
    if (row.valueUsd !== null) figures.push(row.valueUsd);
    else if (!new Big(row.balance).eq(0)) return null;
  }
  // A currency the account does not list, it does not hold (Gemini lists only what is held).
  const text = figures.length === 0 ? "0" : sumDecimals(figures);
  return { value: new Big(text), text, complete: scope.complete };
}

/**
 * value above / below threshold, knowing that missing accounts could only add to a sum (balances
 * are not negative): a partial sum above the threshold is above it; one below it proves nothing.
 */
function compare(measured: Measured, direction: "below" | "above", threshold: string): boolean | null {
  if (direction === "above") {
    if (measured.value.gt(threshold)) return true;
    return measured.complete ? false : null;
  }
  if (measured.value.gte(threshold)) return false;
  return measured.complete ? true : null;
}

function balanceVerdict(rule: BalanceRule, current: SnapshotFacts): Verdict | null {
  const measured = measure(current, rule);
  if (!measured) return null;
  const holds = compare(measured, rule.direction, rule.threshold);
  if (holds === null) return null;
  const what = `${capitalize(measuredText(rule))} ${whereText(rule.account)}`;
  const now = `(now ${measured.text})`;
  return {
    holds,
    fired: rule.direction === "below" ? `${what} fell below ${rule.threshold} ${now}` : `${what} rose above ${rule.threshold} ${now}`,
    resolved: rule.direction === "below" ? `${what} is back at or above ${rule.threshold} ${now}` : `${what} is back at or below ${rule.threshold} ${now}`,
    details: {
      account: accountDetail(rule.account),
      currency: rule.currency ?? "all",
      measure: rule.measure,
      direction: rule.direction,
      threshold: rule.threshold,
      value: measured.text,
    },
  };
}

function changeVerdict(rule: ChangeRule, previous: SnapshotFacts | null, current: SnapshotFacts): Verdict | null {
  if (!previous) return null;
  // Staked value moves the total only where both snapshots read it: staking that became readable
  // (or stopped being, or was not recorded before) is a change in what was seen, not in what is held.
  let staking: Set<string> = new Set();
  if (countsStaked(rule)) {
    const was = new Map(previous.accounts.map((entry) => [entry.account, entry.staking ?? null]));
    const changed = current.accounts.some((entry) => entry.status === "ok" && was.has(entry.account) && was.get(entry.account) !== (entry.staking ?? null));
    if (changed) return null;
    staking = stakedAccounts(current);
  }
  const before = measure(previous, rule, staking);
  const after = measure(current, rule, staking);
  // A change against a partial snapshot would be a change in what was read, not in what is held.
  if (!before || !after || !before.complete || !after.complete) return null;
  const change = after.value.minus(before.value);
  const size = change.abs();
  const wayOk = rule.direction === "either" || (rule.direction === "up" ? change.gt(0) : change.lt(0));
  // Percent without dividing: |change| x 100 > threshold x |before|; from zero any change is infinite.
  const big = rule.by === "amount" ? size.gt(rule.threshold) : before.value.eq(0) ? !size.eq(0) : size.times(100).gt(new Big(rule.threshold).times(before.value.abs()));
  const percent = before.value.eq(0) ? null : new Floored(size.times(100)).div(before.value.abs()).toFixed(PERCENT_DECIMALS);
  const limit = rule.by === "percent" ? `${rule.threshold}%` : rule.threshold;
  const moved = rule.by === "percent" && percent !== null ? `${percent}%` : size.toFixed();
  const what = `${capitalize(measuredText(rule))} ${whereText(rule.account)}`;
  const fromTo = `(from ${before.text} to ${after.text})`;
  const details: Record<string, string> = {
    account: accountDetail(rule.account),
    currency: rule.currency ?? "all",
    measure: rule.measure,
    by: rule.by,
    direction: rule.direction,
    threshold: rule.threshold,
    previous: before.text,
    value: after.text,
    change: change.toFixed(),
    previousSnapshotId: String(previous.id ?? ""),
  };
  if (percent !== null) details.changePercent = percent;
  return {
    holds: wayOk && big,
    fired: `${what} ${change.lt(0) ? "fell" : "rose"} by ${moved} since the previous snapshot ${fromTo}, more than ${limit}`,
    resolved: `${what} moved by no more than ${limit} since the previous snapshot ${fromTo}`,
    details,
  };
}

function pendingVerdict(rule: PendingRule, current: SnapshotFacts): Verdict | null {
  const scope = covered(current, rule.account);
  if (!scope) return null;
  const field = rule.side === "withdrawal" ? "pendingWithdrawal" : "pendingDeposit";
  const byCurrency = new Map<string, string[]>();
  for (const row of scope.rows) {
    const amount = row[field];
    if (amount === null || (rule.currency !== null && row.currency !== rule.currency)) continue;
    byCurrency.set(row.currency, [...(byCurrency.get(row.currency) ?? []), amount]);
  }
  const threshold = rule.above ?? "0";
  const over = [...byCurrency]
    .map(([currency, amounts]) => ({ currency, total: sumDecimals(amounts) }))
    .filter(({ total }) => new Big(total).gt(threshold))
    .sort((a, b) => a.currency.localeCompare(b.currency));
  // Pending amounts are not negative: more of it in a failed account could only add.
  if (over.length === 0 && !scope.complete) return null;
  const where = whereText(rule.account);
  const listed = over.map(({ currency, total }) => `${currency} ${total}`).join(", ");
  const details: Record<string, string> = {
    account: accountDetail(rule.account),
    side: rule.side,
    currency: rule.currency ?? "any",
    above: rule.above ?? "0",
  };
  for (const { currency, total } of over) details[`pending.${currency}`] = total;
  const subject = rule.currency === null ? `a ${rule.side}` : `a ${rule.currency} ${rule.side}`;
  const fired =
    rule.currency === null
      ? `${capitalize(rule.side)}s are pending ${where}: ${listed}`
      : `${capitalize(subject)} of ${over[0]?.total ?? "0"} is pending ${where}${rule.above === null ? "" : `, above ${rule.above}`}`;
  const resolved = `No ${rule.currency === null ? "" : `${rule.currency} `}${rule.side}${rule.above === null ? "" : ` above ${rule.above}`} is pending ${where} any more`;
  return { holds: over.length > 0, fired, resolved, details };
}

function keyRolesVerdict(rule: KeyRolesRule, roles: KeyRoles | null): Verdict | null {
  if (!roles) return null;
  const held = rule.roles.filter((role: KeyRoleName) => roles[role]);
  return {
    holds: held.length > 0,
    fired: `The API key has the ${roleList(held, "and")} ${held.length > 1 ? "roles" : "role"}`,
    resolved: `The API key no longer has the ${roleList(rule.roles)} role`,
    details: { roles: rule.roles.join(","), held: held.join(",") },
  };
}

function snapshotFailedVerdict(includePartial: boolean, current: SnapshotFacts): Verdict {
  const failedAccounts = current.accounts.filter((entry) => entry.status === "failed").map((entry) => entry.account);
  const holds = current.status === "failed" || (includePartial && current.status === "partial");
  let fired: string;
  if (current.status === "partial") fired = `The snapshot was partial: ${failedAccounts.join(", ")} could not be read`;
  else if (current.accounts.length > 0) fired = "The snapshot failed: no account could be read";
  else fired = `The snapshot failed: ${current.errorCode ?? "the exchange did not answer"}`;
  const details: Record<string, string> = { status: current.status, failedAccounts: failedAccounts.join(",") };
  if (current.errorCode) details.errorCode = current.errorCode;
  return { holds, fired, resolved: `Snapshots succeed again: the last one was ${current.status}`, details };
}

function noSnapshotVerdict(hours: number, rule: RuleToEvaluate, input: EvaluationInput): Verdict {
  const since = input.lastSuccessAt ?? rule.createdAt;
  const holds = input.now.getTime() - since.getTime() >= hours * HOUR_MS;
  const span = `${hours} ${hours === 1 ? "hour" : "hours"}`;
  const last = input.lastSuccessAt ? `the last was taken at ${input.lastSuccessAt.toISOString()}` : "none since the rule was made";
  return {
    holds,
    fired: `No successful snapshot for ${span}: ${last}`,
    resolved: `A snapshot succeeded again: ${last}`,
    details: { hours: String(hours), lastSuccessAt: input.lastSuccessAt?.toISOString() ?? "" },
  };
}

function verdict(rule: RuleToEvaluate, input: EvaluationInput): Verdict | null {
  const { params } = rule;
  if (params.kind === "no_snapshot") return noSnapshotVerdict(params.hours, rule, input);
  const { current } = input;
  if (!current) return null;
  switch (params.kind) {
    case "snapshot_failed":
      return snapshotFailedVerdict(params.includePartial, current);
    case "key_roles":
      return keyRolesVerdict(params, input.roles);
  }
  // Balance rules read balances, which a failed snapshot has none of.
  if (current.status === "failed") return null;
  switch (params.kind) {
    case "balance":
      return balanceVerdict(params, current);
    case "change":
      return changeVerdict(params, input.previous, current);
    case "pending":
      return pendingVerdict(params, current);
  }
}

/**
 * What this snapshot (or the periodic check) does to one rule: fired when its condition became
 * true, resolved when it stopped being, none otherwise (unchanged, unknown, or a snapshot older
 * than one already evaluated).
 */
export function evaluateRule(rule: RuleToEvaluate, input: EvaluationInput, state: RuleState): Transition {
  const snapshotId = input.current?.id ?? null;
  if (snapshotId !== null && state.lastSnapshotId !== null && snapshotId <= state.lastSnapshotId) return NONE;
  const found = verdict(rule, input);
  if (!found) return NONE;
  const firing = state.state === "firing";
  if (found.holds === firing) return NONE;
  return {
    kind: found.holds ? "fired" : "resolved",
    occurredAt: input.current?.takenAt ?? input.now,
    snapshotId,
    summary: `${found.holds ? found.fired : found.resolved}.`,
    details: { rule: rule.params.kind, condition: describeRule(rule.params), ...found.details },
  };
}

/** The state a rule is in after a transition (and the snapshot it saw). */
export function nextState(state: RuleState, transition: Transition, snapshotId: number | null): RuleState {
  const lastSnapshotId = snapshotId !== null && (state.lastSnapshotId === null || snapshotId > state.lastSnapshotId) ? snapshotId : state.lastSnapshotId;
  if (transition.kind === "none") return { ...state, lastSnapshotId };
  return { state: transition.kind === "fired" ? "firing" : "ok", since: transition.occurredAt, lastSnapshotId };
}
