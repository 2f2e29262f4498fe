import "server-only";
import { checkAfterFailure, checkAfterSnapshot, type AlertCheckDeps } from "@/lib/alerts/check";
import { runtimeAlertDeps } from "@/lib/alerts/schedule";
import { ApiError, type ApiErrorCode } from "@/lib/api/errors";
import { toApiError } from "@/lib/api/to-api-error";
import { WHOLE_GROUP } from "@/lib/auth/scope";
import { readAccounts, readBalances } from "@/lib/balances/service";
import type { BalancesSnapshot } from "@/lib/balances/types";
import { getConfig } from "@/lib/config";
import { getNotionalBalances, type NotionalBalance } from "@/lib/gemini";
import { connectionLabels, signsWithMasterKey } from "@/lib/server/exchange-key";
import { getGemini, getSnapshotConnection, getStore } from "@/lib/server/runtime";
import type { AccountRecord, BalanceRecord, Connection, SnapshotSummary, StakingRecord, Store } from "@/lib/store";
import { valueByCurrency } from "@/lib/treasury/overview";
import { readPrices } from "@/lib/treasury/service";
import { stakedValues } from "@/lib/treasury/staking";
import { overviewScope } from "@/lib/treasury/overview-model";
import { sweepProgressOf, type SweepProgress } from "@/lib/snapshots/sweep-progress";

/**
 * An account-scoped key reads the one account it belongs to, which Gemini does not name: its rows
 * are stored under this name (a valid account name, never one a master key's group reports).
 */
export const ACCOUNT_KEY_ACCOUNT = "account-key";
/** Gemini's notional values are asked for in USD: the stored value column is valueUsd. */
const SNAPSHOT_VALUATION = "usd";

export interface SnapshotClock {
  now(): Date;
}

/** How a snapshot reads the exchange: the dashboard's own reads, so gate, nonces, retries and rate budget apply. */
export interface SnapshotReader {
  /** Account names to read, in order; [null] for an account-scoped key. A failure fails the whole snapshot. */
  accounts(): Promise<(string | null)[]>;
  /** Balances with pending, and Gemini's `_timestamp`. */
  balances(account: string | null): Promise<BalancesSnapshot>;
  valuesUsd(account: string | null): Promise<NotionalBalance[]>;
  /** USD unit prices from the public price feed, to value staked balances; null when the feed fails (staked rows are then kept unvalued). */
  pricesUsd(): Promise<Readonly<Record<string, string>> | null>;
}

export interface SnapshotDeps {
  store(): Promise<Store>;
  connection: Connection;
  demo: boolean;
  /** SNAPSHOT_RETENTION: thinning after each snapshot; null keeps every one. */
  keepAllDays: number | null;
  clock: SnapshotClock;
  reader: SnapshotReader;
  /** Alert rules checked after each snapshot, failed ones too; none when absent. */
  alerts?: AlertCheckDeps;
  /** Told of each account as it is read, so views can show a sweep's progress before it is recorded. */
  progress?: SweepProgress;
}


export const systemSnapshotClock: SnapshotClock = { now: () => new Date() };

/** A connection's reads (the default connection's when not named): the overview's account rule (open exchange accounts), cached balances, USD values. */
export function connectionSnapshotReader(connection: string | null = null): SnapshotReader {
  return {
    async accounts() {
      if (!signsWithMasterKey(connection)) return [null];
      return overviewScope((await readAccounts(WHOLE_GROUP, connection)).accounts).included.map((account) => account.account);
    },
    balances: (account) => readBalances({ connection, account, pending: true }, WHOLE_GROUP),
    valuesUsd: (account) => getNotionalBalances(getGemini(connection), { account, currency: SNAPSHOT_VALUATION }),
    // The public price feed: one for every connection.
    pricesUsd: () => readPrices(SNAPSHOT_VALUATION),
  };
}

/** The default connection's reads. */
export const runtimeSnapshotReader: SnapshotReader = connectionSnapshotReader();

/** A connection's snapshot dependencies (the default connection's when not named), from the composition root and the configuration. */
export function runtimeSnapshotDeps(clock: SnapshotClock = systemSnapshotClock, connection: string | null = null): SnapshotDeps {
  const { mode, history } = getConfig();
  const snapshotConnection = getSnapshotConnection(connection);
  return {
    store: getStore,
    connection: snapshotConnection,
    demo: mode === "demo",
    keepAllDays: history.keepAllDays,
    clock,
    reader: connection === null ? runtimeSnapshotReader : connectionSnapshotReader(connection),
    alerts: runtimeAlertDeps(clock, connection),
    progress: sweepProgressOf(snapshotConnection.keyFingerprint),
  };
}

function balanceRecords(snapshot: BalancesSnapshot, values: readonly NotionalBalance[], takenAt: Date): BalanceRecord[] {
  const valueOf = valueByCurrency(values);
  return snapshot.balances.map((balance) => ({
    currency: balance.currency,
    amount: balance.amount,
    available: balance.available,
    availableForWithdrawal: balance.availableForWithdrawal,
    pendingDeposit: balance.pendingDeposit ?? null,
    pendingWithdrawal: balance.pendingWithdrawal ?? null,
    valueUsd: valueOf.get(balance.currency) ?? null,
    exchangeTimestamp: snapshot.timestamp,
    takenAt,
  }));
}

/** The account's staking as read with its balances (an error there is its "no staking"), valued in USD. */
function stakingRecord(snapshot: BalancesSnapshot, prices: Readonly<Record<string, string>> | null): StakingRecord {
  const { staking } = snapshot;
  if (staking.state === "none") return { state: "none", reason: staking.reason };
  const values = stakedValues(staking, prices);
  return { state: "staked", balances: staking.balances.map((row) => ({ currency: row.currency, balance: row.balance, valueUsd: values.get(row.currency) ?? null })) };
}

/** One account, read whole or recorded as failed with its code: never silently missing. */
async function readAccount(reader: SnapshotReader, account: string | null, clock: SnapshotClock): Promise<AccountRecord> {
  const name = account ?? ACCOUNT_KEY_ACCOUNT;
  try {
    const balances = await reader.balances(account);
    const values = await reader.valuesUsd(account);
    const prices = balances.staking.state === "staked" && balances.staking.balances.length > 0 ? await reader.pricesUsd() : null;
    return { account: name, status: "ok", balances: balanceRecords(balances, values, clock.now()), staking: stakingRecord(balances, prices) };
  } catch (error) {
    const errorCode: ApiErrorCode = toApiError(error).code;
    return { account: name, status: "failed", errorCode };
  }
}

/** Alert rules are checked under the snapshot's lock (in order), and never make the snapshot fail. */
async function checkAlerts(deps: SnapshotDeps, check: (alerts: AlertCheckDeps) => Promise<unknown>): Promise<void> {
  if (!deps.alerts) return;
  try {
    await check(deps.alerts);
  } catch (error) {
    const { code, message } = toApiError(error);
    console.error(JSON.stringify({ event: "alerts_check_failed", code, message }));
  }
}

async function sweep(deps: SnapshotDeps, store: Store): Promise<SnapshotSummary> {
  const startedAt = deps.clock.now();
  let accounts: (string | null)[];
  try {
    accounts = await deps.reader.accounts();
  } catch (error) {
    // Nothing is recorded, but "snapshot failed" rules must still hear of it.
    await checkAlerts(deps, (alerts) => checkAfterFailure(store, alerts, toApiError(error).code));
    throw error;
  }
  const records: AccountRecord[] = [];
  deps.progress?.started(accounts.map((account) => account ?? ACCOUNT_KEY_ACCOUNT), startedAt);
  let snapshot: SnapshotSummary;
  try {
    // One account after another: the key's calls queue behind one gate and one rate budget anyway.
    for (const account of accounts) {
      const record = await readAccount(deps.reader, account, deps.clock);
      records.push(record);
      deps.progress?.read(record, deps.clock.now());
    }
    snapshot = await store.snapshots.recordSnapshot({ connection: deps.connection, startedAt, takenAt: deps.clock.now(), demo: deps.demo, accounts: records });
  } finally {
    deps.progress?.finished();
  }
  await checkAlerts(deps, (alerts) => checkAfterSnapshot(store, alerts, snapshot));
  if (deps.keepAllDays !== null) {
    // The snapshot stands whatever happens here; the next one thins again.
    await store.snapshots.thinSnapshots(deps.clock.now(), deps.keepAllDays).then(
      (deleted) => deleted > 0 && console.log(JSON.stringify({ event: "snapshots_thinned", deleted })),
      (error: unknown) => console.error(JSON.stringify({ event: "snapshots_thin_failed", message: error instanceof Error ? error.message : String(error) })),
    );
  }
  return snapshot;
}

async function takeExclusive(deps: SnapshotDeps): Promise<SnapshotSummary> {
  const store = await deps.store();
  const outcome = await store.snapshots.tryExclusive(`snapshot:${deps.connection.keyFingerprint}`, () => sweep(deps, store));
  if (!outcome.ran) {
    throw new ApiError("snapshot_in_progress", "Another server of this deployment is taking a snapshot of this key right now; it appears in the list when done.");
  }
  return outcome.value;
}

// One running snapshot per key and process, on globalThis because Next may load this module in more than one bundle.
const holder = globalThis as typeof globalThis & { __snapshotRuns?: Map<string, Promise<SnapshotSummary>> };

/**
 * One snapshot per connection, one connection after another (each within its own key's budget; a
 * sweep of one never waits on another key). A connection's failure does not stop the others': the
 * results come back in the configured order, each a snapshot or the error it failed with.
 */
export async function takeSnapshots(clock: SnapshotClock = systemSnapshotClock): Promise<PromiseSettledResult<SnapshotSummary>[]> {
  return Promise.allSettled(connectionLabels().map((label) => takeSnapshot(runtimeSnapshotDeps(clock, label))));
}

/**
 * Takes one snapshot of every open exchange account of the key. A trigger while one runs in this
 * process joins it; one running in another process (the store's advisory lock) is
 * ApiError("snapshot_in_progress"). Retention thinning runs after each snapshot.
 */
export function takeSnapshot(deps: SnapshotDeps = runtimeSnapshotDeps()): Promise<SnapshotSummary> {
  const runs = (holder.__snapshotRuns ??= new Map());
  const key = deps.connection.keyFingerprint;
  const running = runs.get(key);
  if (running) return running;
  const run = takeExclusive(deps).finally(() => runs.delete(key));
  runs.set(key, run);
  return run;
}
