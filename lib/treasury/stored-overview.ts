import "server-only";
import { ApiError } from "@/lib/api/errors";
import { connectionScope, visible, visibleNames, type AccountScope } from "@/lib/auth/scope";
import { toApiError } from "@/lib/api/to-api-error";
import { knownAccounts } from "@/lib/balances/service";
import type { Balance } from "@/lib/balances/types";
import { getConfig } from "@/lib/config";
import { connectionLabels, signsWithMasterKey } from "@/lib/server/exchange-key";
import { getSnapshotConnection } from "@/lib/server/runtime";
import { fromStore } from "@/lib/snapshots/history";
import { runningSweep, type RunningSweep } from "@/lib/snapshots/sweep-progress";
import { runtimeSnapshotDeps, takeSnapshot } from "@/lib/snapshots/take";
import type { BalanceRecord, SnapshotContents, SnapshotSummary, StakedBalanceRecord, StakingOutcome, StakingRecord, Store } from "@/lib/store";
import { sumDecimals } from "@/lib/treasury/money";
import { overviewScope } from "@/lib/treasury/overview-model";
import { valuedStakedTotal } from "@/lib/treasury/staking";
import type { StoredOverviewAccount, StoredOverviewResponse, ValuedStaking } from "@/lib/treasury/types";

/** A view of the group starts a refresh when its newest snapshot is older than this (and no refresh began since). */
export const OVERVIEW_REFRESH_AFTER_MS = 5 * 60_000;
/** How far back an account that failed in the newest snapshot is looked for, in snapshots. */
const MAX_LOOKBACK_SNAPSHOTS = 24;

interface RefreshState {
  /** When this process last started a refresh of the key: a failing one is not retried sooner than the refresh age. */
  attemptedAt: number;
  /** Started and not settled: the sweep may not have begun reading yet (it lists the accounts first). */
  pending: boolean;
  error: string | null;
}

// On globalThis: the routes are separate bundles.
const holder = globalThis as typeof globalThis & { __overviewRefresh?: Map<string, RefreshState> };

/**
 * Starts a sweep (a snapshot: every account, within the key's rate budget) unless one runs or one
 * was tried lately, or the read may not start one (the server's own warm-up render).
 */
function refreshIfOld(
  connection: string,
  keyFingerprint: string,
  latest: SnapshotSummary | null,
  sweep: RunningSweep | null,
  now: Date,
  mayStart: boolean,
): RefreshState | null {
  const refreshes = (holder.__overviewRefresh ??= new Map());
  const state = refreshes.get(keyFingerprint) ?? null;
  if (sweep || !mayStart) return state;
  const due = (at: number) => now.getTime() - at >= OVERVIEW_REFRESH_AFTER_MS;
  if (latest && !due(latest.takenAt.getTime())) return state;
  if (state && !due(state.attemptedAt)) return state;
  const started: RefreshState = { attemptedAt: now.getTime(), pending: true, error: null };
  refreshes.set(keyFingerprint, started);
  takeSnapshot(runtimeSnapshotDeps(undefined, connection))
    .catch((error: unknown) => {
      const { code, message } = toApiError(error);
      if (code === "snapshot_in_progress") return; // another instance is refreshing this key
      started.error = code;
      console.error(JSON.stringify({ event: "overview_refresh_failed", connection, code, message }));
    })
    .finally(() => {
      started.pending = false;
    });
  return started;
}

interface Figures {
  asOf: string;
  timestamp: string | null;
  rows: readonly BalanceRecord[];
  staking: ValuedStaking;
}

function figuresOf(rows: readonly BalanceRecord[], staking: ValuedStaking, fallbackAt: Date): Figures {
  return { asOf: (rows[0]?.takenAt ?? fallbackAt).toISOString(), timestamp: rows[0]?.exchangeTimestamp ?? null, rows, staking };
}

/** A stored account's staking, valued in USD as recorded; a snapshot from before staking was kept says "not recorded", never zero. */
function storedStaking(outcome: StakingOutcome, rows: readonly StakedBalanceRecord[]): ValuedStaking {
  if (outcome === null) return { state: "none", reason: "not_recorded" };
  if (outcome !== "staked") return { state: "none", reason: outcome };
  return { state: "staked", balances: rows.map((row) => ({ currency: row.currency, balance: row.balance, value: row.valueUsd })) };
}

/** The same for an account a running sweep has just read. */
function recordStaking(staking: StakingRecord | undefined): ValuedStaking {
  if (staking === undefined) return storedStaking(null, []);
  return staking.state === "staked" ? storedStaking("staked", staking.balances) : storedStaking(staking.reason, []);
}

/** The last good figures of each account in the newest snapshot; accounts that failed there are looked for further back. */
async function storedFigures(store: Store, latest: SnapshotContents): Promise<Map<string, Figures>> {
  const figures = new Map<string, Figures>();
  const take = (contents: SnapshotContents, accounts: readonly string[]) => {
    for (const account of accounts) {
      const outcome = contents.accounts.find((entry) => entry.account === account);
      if (outcome?.status !== "ok") continue;
      const staking = storedStaking(outcome.staking, contents.staked.filter((row) => row.account === account));
      figures.set(account, figuresOf(contents.balances.filter((row) => row.account === account), staking, contents.snapshot.takenAt));
    }
  };
  take(latest, latest.accounts.map((entry) => entry.account));
  let missing = latest.accounts.filter((entry) => entry.status === "failed").map((entry) => entry.account);
  let from: SnapshotSummary = latest.snapshot;
  for (let step = 0; missing.length > 0 && step < MAX_LOOKBACK_SNAPSHOTS; step += 1) {
    const previous = await store.snapshots.previousSnapshot(from);
    if (!previous) break;
    const contents = await store.snapshots.snapshotRows(previous.id);
    if (!contents) break;
    take(contents, missing);
    missing = missing.filter((account) => !figures.has(account));
    from = previous;
  }
  return figures;
}

function asBalance(row: BalanceRecord): Balance {
  return {
    type: "exchange",
    currency: row.currency,
    amount: row.amount,
    available: row.available,
    availableForWithdrawal: row.availableForWithdrawal,
    ...(row.pendingDeposit === null ? {} : { pendingDeposit: row.pendingDeposit }),
    ...(row.pendingWithdrawal === null ? {} : { pendingWithdrawal: row.pendingWithdrawal }),
  };
}

function accountJson(
  connection: string,
  account: string,
  name: string,
  figures: Figures | undefined,
  refreshing: boolean,
  refreshError: string | null,
): StoredOverviewAccount {
  const rows = figures?.rows ?? [];
  const values = rows.flatMap((row) => (row.valueUsd === null ? [] : [{ currency: row.currency, amountNotional: row.valueUsd }]));
  const staking = figures?.staking ?? storedStaking(null, []);
  return {
    connection,
    account,
    name,
    asOf: figures?.asOf ?? null,
    timestamp: figures?.timestamp ?? null,
    balances: rows.map(asBalance),
    values,
    total: figures && values.length === rows.length ? sumDecimals([...values.map((value) => value.amountNotional), valuedStakedTotal(staking)]) : null,
    staking,
    refreshing,
    refreshError,
  };
}

type StoredConnection = Omit<Extract<StoredOverviewResponse, { source: "store" }>, "source" | "currency" | "connections">;

/** One connection's part of the view: its key's newest snapshot, overlaid with its running sweep; starts a refresh when old. */
async function storedConnection(
  store: Store,
  connection: string,
  now: Date,
  callerScope: AccountScope,
  several: boolean,
  mayRefresh: boolean,
): Promise<StoredConnection> {
  const scope = connectionScope(callerScope, connection);
  const { keyFingerprint } = getSnapshotConnection(connection);
  const latest = await store.snapshots.latestSnapshotAt(now, keyFingerprint);
  const refresh = refreshIfOld(connection, keyFingerprint, latest, runningSweep(keyFingerprint), now, mayRefresh);
  const sweep = runningSweep(keyFingerprint);
  const contents = latest ? await store.snapshots.snapshotRows(latest.id) : null;
  const stored = contents ? await storedFigures(store, contents) : new Map<string, Figures>();
  const storedErrors = new Map((contents?.accounts ?? []).flatMap((entry) => (entry.status === "failed" ? [[entry.account, entry.errorCode]] : [])));

  const group = knownAccounts(connection);
  const groupScope = group ? overviewScope(group) : null;
  const names = new Map((group ?? []).map((account) => [account.account, account.name]));
  const order = visibleNames(
    scope,
    groupScope?.included.map((account) => account.account) ?? sweep?.accounts ?? contents?.accounts.map((entry) => entry.account) ?? [],
  );

  const accounts = order.map((account) => {
    const name = names.get(account) ?? "";
    const fresh = sweep?.read.get(account);
    if (fresh?.record.status === "ok") {
      return accountJson(connection, account, name, figuresOf(fresh.record.balances, recordStaking(fresh.record.staking), fresh.at), false, null);
    }
    if (fresh?.record.status === "failed") return accountJson(connection, account, name, stored.get(account), false, fresh.record.errorCode);
    return accountJson(connection, account, name, stored.get(account), sweep !== null, storedErrors.get(account) ?? null);
  });
  return {
    refresh: {
      running: sweep !== null || refresh?.pending === true,
      startedAt: sweep ? sweep.startedAt.toISOString() : refresh ? new Date(refresh.attemptedAt).toISOString() : null,
      read: sweep ? order.filter((account) => sweep.read.has(account)).length : 0,
      of: sweep ? order.length : 0,
      error: sweep ? null : (refresh?.error ?? null),
    },
    accounts,
    skipped: visible(scope, groupScope?.skipped ?? []).map((skipped) => (several ? { ...skipped, connection } : skipped)),
  };
}

/** The earliest of the connections' refresh starts (ISO strings of one format compare as text). */
function earliest(times: readonly (string | null)[]): string | null {
  return times.filter((time): time is string => time !== null).sort()[0] ?? null;
}

/**
 * The all-accounts view at once, from the history store: each account's newest good figures with
 * their age, overlaid with what a refresh running in this process has read since. A view of an
 * old group starts that refresh (a snapshot sweep, so it keeps within the key's rate budget and
 * every viewer shares it). With history off there is nothing to read: the view reads Gemini live.
 * A scoped caller sees its own accounts only (the refresh itself is the server's, of the group).
 * With several connections it spans every one (each refreshed within its own key's budget, at
 * once): every row names its connection, and each connection has its subtotal.
 */
export async function readStoredOverview(now: Date, scope: AccountScope, { mayRefresh = true }: { mayRefresh?: boolean } = {}): Promise<StoredOverviewResponse> {
  const labels = connectionLabels();
  if (!labels.some((label) => signsWithMasterKey(label))) {
    throw new ApiError("master_key_required", "The overview covers the accounts of a master key's group; this key belongs to one account: use /api/valuation.");
  }
  const { offReason } = getConfig().history;
  if (offReason !== null) return { source: "live", reason: offReason };
  return fromStore(async (store) => {
    const masters = labels.filter((label) => signsWithMasterKey(label));
    const parts = await Promise.all(masters.map((label) => storedConnection(store, label, now, scope, labels.length > 1, mayRefresh)));
    const refreshes = parts.map((part) => part.refresh);
    const errors = refreshes.map((refresh) => refresh.error).filter((error) => error !== null);
    return {
      source: "store",
      currency: "USD",
      refresh: {
        running: refreshes.some((refresh) => refresh.running),
        startedAt: earliest(refreshes.map((refresh) => refresh.startedAt)),
        read: sum(refreshes.map((refresh) => refresh.read)),
        of: sum(refreshes.map((refresh) => refresh.of)),
        error: errors[0] ?? null,
      },
      accounts: parts.flatMap((part) => part.accounts),
      skipped: parts.flatMap((part) => part.skipped),
      connections: masters.map((label, index) => ({ label, ...connectionSubtotal(parts[index]!.accounts) })),
    };
  });
}

function sum(counts: readonly number[]): number {
  return counts.reduce((total, count) => total + count, 0);
}

/** A connection's exact total, only once every one of its accounts has a value (as the view's own total). */
function connectionSubtotal(accounts: readonly StoredOverviewAccount[]): { accounts: number; total: string | null } {
  const totals = accounts.map((account) => account.total);
  const complete = totals.every((total) => total !== null);
  return { accounts: accounts.length, total: complete ? sumDecimals(totals.filter((total) => total !== null)) : null };
}
