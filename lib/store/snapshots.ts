import "server-only";
import { createHash } from "node:crypto";
import { and, asc, desc, eq, gte, inArray, lt, lte, ne, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { StoreDatabase, WithSession } from "./open";
import { snapshotAccounts, snapshotBalances, snapshotStakedBalances, snapshots } from "./schema";

export type SnapshotStatus = "complete" | "partial" | "failed";

/** Which Gemini key a row came from: a label people read and a fingerprint that is not the key. */
export interface Connection {
  label: string;
  keyFingerprint: string;
}

/** One balance as Gemini reported it; every figure is decimal text, never a JS number. */
export interface BalanceRecord {
  currency: string;
  amount: string;
  available: string;
  availableForWithdrawal: string;
  pendingDeposit: string | null;
  pendingWithdrawal: string | null;
  /** Gemini's notional value in USD; null when it gave none. */
  valueUsd: string | null;
  /** Gemini's `_timestamp`, exactly as sent. */
  exchangeTimestamp: string | null;
  /** When this process received the balances. */
  takenAt: Date;
}

/** One staked currency of an account (Gemini's /v1/balances/staking), apart from its exchange balances. */
export interface StakedBalanceRecord {
  currency: string;
  balance: string;
  /** balance x the price feed's USD price; null without a price. */
  valueUsd: string | null;
}

/** How an account's staking was read: its staked rows, or why there are none. */
export type StakingRecord = { state: "staked"; balances: readonly StakedBalanceRecord[] } | { state: "none"; reason: "not_permitted" | "unavailable" };

/** An account's staking outcome as stored; null: not recorded (a snapshot from before staking was kept, or a failed account). */
export type StakingOutcome = "staked" | "not_permitted" | "unavailable" | null;

export type AccountRecord =
  | {
      account: string;
      status: "ok";
      balances: readonly BalanceRecord[];
      /** Absent: not recorded. */
      staking?: StakingRecord;
    }
  | { account: string; status: "failed"; errorCode: string };

export interface NewSnapshot {
  connection: Connection;
  startedAt: Date;
  takenAt: Date;
  demo: boolean;
  accounts: readonly AccountRecord[];
}

export interface SnapshotSummary {
  id: number;
  connection: Connection;
  startedAt: Date;
  takenAt: Date;
  status: SnapshotStatus;
  demo: boolean;
  accountCount: number;
  /** Accounts that failed, by name, so a partial snapshot never hides which is missing. */
  failedAccounts: string[];
}

export interface AccountOutcome {
  account: string;
  status: "ok" | "failed";
  errorCode: string | null;
  staking: StakingOutcome;
}

export interface BalanceRow extends BalanceRecord {
  account: string;
}

export interface StakedBalanceRow extends StakedBalanceRecord {
  account: string;
}

export interface SnapshotContents {
  snapshot: SnapshotSummary;
  accounts: AccountOutcome[];
  /** Ordered by account, then currency. */
  balances: BalanceRow[];
  /** Staked balances, never part of `balances`; ordered by account, then currency. */
  staked: StakedBalanceRow[];
}

export interface SnapshotRange {
  from?: Date;
  to?: Date;
  keyFingerprint?: string;
}

/** What tryExclusive did: ran `fn` holding the lock, or found the lock held elsewhere. */
export type ExclusiveOutcome<T> = { ran: true; value: T } | { ran: false };

const DAY_MS = 86_400_000;

/** A lock name as PostgreSQL's 64-bit advisory lock key, the same in every process and engine. */
export function advisoryLockKey(name: string): string {
  const prefix = createHash("sha256").update(`gtd:${name}`).digest().readBigInt64BE(0);
  return prefix.toString();
}

/** Plain decimal text as Gemini sends it; PostgreSQL would also take NaN, Infinity and 1e3. */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

export class InvalidSnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidSnapshotError";
  }
}

/** One rule for the whole store: failed accounts make a snapshot partial; no good account, failed. */
export function snapshotStatus(accounts: readonly Pick<AccountRecord, "status">[]): SnapshotStatus {
  const failed = accounts.filter((account) => account.status === "failed").length;
  if (accounts.length === 0 || failed === accounts.length) return "failed";
  return failed > 0 ? "partial" : "complete";
}

function checkDecimals(account: string, balance: BalanceRecord): void {
  const figures = {
    amount: balance.amount,
    available: balance.available,
    availableForWithdrawal: balance.availableForWithdrawal,
    pendingDeposit: balance.pendingDeposit,
    pendingWithdrawal: balance.pendingWithdrawal,
    valueUsd: balance.valueUsd,
  };
  for (const [name, value] of Object.entries(figures)) {
    if (value !== null && !DECIMAL_TEXT.test(value)) {
      throw new InvalidSnapshotError(`${account} ${balance.currency} ${name} is not decimal text: ${JSON.stringify(value)}`);
    }
  }
}

function checkStakedDecimals(account: string, row: StakedBalanceRecord): void {
  for (const [name, value] of Object.entries({ balance: row.balance, valueUsd: row.valueUsd })) {
    if (value !== null && !DECIMAL_TEXT.test(value)) {
      throw new InvalidSnapshotError(`${account} ${row.currency} staked ${name} is not decimal text: ${JSON.stringify(value)}`);
    }
  }
}

/** The staking column of an account's row: what was read, or null when nothing was recorded. */
function stakingOutcome(account: AccountRecord): StakingOutcome {
  if (account.status !== "ok" || account.staking === undefined) return null;
  return account.staking.state === "staked" ? "staked" : account.staking.reason;
}

function accountRows(snapshotId: number, accounts: readonly AccountRecord[]) {
  return accounts.map((account) => ({
    snapshotId,
    account: account.account,
    status: account.status,
    errorCode: account.status === "failed" ? account.errorCode : null,
    staking: stakingOutcome(account),
  }));
}

function stakedRows(snapshotId: number, accounts: readonly AccountRecord[]) {
  return accounts.flatMap((account) =>
    account.status === "ok" && account.staking?.state === "staked"
      ? account.staking.balances.map((row) => ({ ...row, snapshotId, account: account.account }))
      : [],
  );
}

/** The one validation every write goes through; returns the status the snapshot is stored with. */
function checkSnapshot(input: NewSnapshot): SnapshotStatus {
  if (input.startedAt > input.takenAt) throw new InvalidSnapshotError("startedAt is after takenAt");
  const names = new Set<string>();
  for (const account of input.accounts) {
    if (names.has(account.account)) throw new InvalidSnapshotError(`account ${account.account} appears twice`);
    names.add(account.account);
    if (account.status !== "ok") continue;
    account.balances.forEach((balance) => checkDecimals(account.account, balance));
    if (account.staking?.state === "staked") account.staking.balances.forEach((row) => checkStakedDecimals(account.account, row));
  }
  return snapshotStatus(input.accounts);
}

/** Held (for one transaction) by a bulk write into an empty store, so two processes never both fill it. */
const FILL_EMPTY_LOCK_ID = 4_242_001_314;
/** Rows per INSERT: 12 balance columns x 4,000 stays under PostgreSQL's 65,535 bind parameters. */
const BULK_INSERT_ROWS = 4_000;

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < rows.length; start += size) out.push(rows.slice(start, start + size));
  return out;
}

const summaryColumns = {
  id: snapshots.id,
  connectionLabel: snapshots.connectionLabel,
  keyFingerprint: snapshots.keyFingerprint,
  startedAt: snapshots.startedAt,
  takenAt: snapshots.takenAt,
  status: snapshots.status,
  demo: snapshots.demo,
  accountCount: sql<number>`(SELECT count(*)::int FROM ${snapshotAccounts} WHERE ${snapshotAccounts.snapshotId} = ${snapshots.id})`,
  failedAccounts: sql<string[]>`ARRAY(SELECT ${snapshotAccounts.account} FROM ${snapshotAccounts} WHERE ${snapshotAccounts.snapshotId} = ${snapshots.id} AND ${snapshotAccounts.status} = 'failed' ORDER BY ${snapshotAccounts.account})`,
};

const outcomeColumns = {
  account: snapshotAccounts.account,
  status: snapshotAccounts.status,
  errorCode: snapshotAccounts.errorCode,
  staking: snapshotAccounts.staking,
};

type SummaryRow = {
  id: number;
  connectionLabel: string;
  keyFingerprint: string;
  startedAt: Date;
  takenAt: Date;
  status: SnapshotStatus;
  demo: boolean;
  accountCount: number;
  failedAccounts: string[];
};

function toSummary(row: SummaryRow): SnapshotSummary {
  const { connectionLabel, keyFingerprint, ...rest } = row;
  return { ...rest, connection: { label: connectionLabel, keyFingerprint } };
}

/** The store's queries; features call these, never SQL. */
export class SnapshotStore {
  /** Locks this process holds: a session advisory lock is re-entrant, so its own holder must be refused here. */
  private readonly held = new Set<string>();

  constructor(
    private readonly db: StoreDatabase,
    private readonly withSession?: WithSession,
  ) {}

  /**
   * Runs `fn` holding a PostgreSQL advisory lock named `key`, on a connection of its own for the
   * whole run, so every process on the same database agrees; `{ran: false}` at once when another
   * holder (this process or another) has it. A lost connection ends the session and so the lock.
   */
  async tryExclusive<T>(key: string, fn: () => Promise<T>): Promise<ExclusiveOutcome<T>> {
    if (!this.withSession) throw new Error("tryExclusive needs a store opened with openStore");
    if (this.held.has(key)) return { ran: false };
    this.held.add(key);
    try {
      return await this.withSession(async (query) => {
        const lockKey = advisoryLockKey(key);
        const { rows } = await query("SELECT pg_try_advisory_lock($1::bigint) AS locked", [lockKey]);
        if (rows[0]?.locked !== true) return { ran: false } as const;
        try {
          return { ran: true, value: await fn() } as const;
        } finally {
          await query("SELECT pg_advisory_unlock($1::bigint)", [lockKey]);
        }
      });
    } finally {
      this.held.delete(key);
    }
  }

  /**
   * Retention: snapshots taken within keepAllDays of `now` all stay; an older one stays only if it
   * is the last snapshot holding balances (not failed) of its UTC day, per key. One statement, so
   * a crash deletes all of it or none; rows of deleted snapshots go with them (ON DELETE CASCADE).
   * Returns how many snapshots were deleted.
   */
  async thinSnapshots(now: Date, keepAllDays: number): Promise<number> {
    const cutoff = new Date(now.getTime() - keepAllDays * DAY_MS);
    // Days are UTC whatever the session's TimeZone: AT TIME ZONE 'UTC' before truncating.
    const day = sql`date_trunc('day', ${snapshots.takenAt} AT TIME ZONE 'UTC')`;
    return this.db.transaction(async (tx) => {
      const keepers = tx
        .selectDistinctOn([snapshots.keyFingerprint, day], { id: snapshots.id })
        .from(snapshots)
        .where(and(ne(snapshots.status, "failed"), lt(snapshots.takenAt, new Date(cutoff.getTime() + DAY_MS))))
        .orderBy(snapshots.keyFingerprint, day, desc(snapshots.takenAt), desc(snapshots.id));
      const deleted = await tx
        .delete(snapshots)
        .where(and(lt(snapshots.takenAt, cutoff), notInArray(snapshots.id, keepers)))
        .returning({ id: snapshots.id });
      return deleted.length;
    });
  }

  /** Writes the whole snapshot in one transaction: a crash leaves all of it or none. */
  async recordSnapshot(input: NewSnapshot): Promise<SnapshotSummary> {
    const status = checkSnapshot(input);
    const id = await this.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(snapshots)
        .values({
          connectionLabel: input.connection.label,
          keyFingerprint: input.connection.keyFingerprint,
          startedAt: input.startedAt,
          takenAt: input.takenAt,
          status,
          demo: input.demo,
        })
        .returning({ id: snapshots.id });
      const snapshotId = created!.id;
      if (input.accounts.length === 0) return snapshotId;
      await tx.insert(snapshotAccounts).values(accountRows(snapshotId, input.accounts));
      const balances = input.accounts.flatMap((account) =>
        account.status === "ok" ? account.balances.map((balance) => ({ ...balance, snapshotId, account: account.account })) : [],
      );
      if (balances.length > 0) await tx.insert(snapshotBalances).values(balances);
      const staked = stakedRows(snapshotId, input.accounts);
      if (staked.length > 0) await tx.insert(snapshotStakedBalances).values(staked);
      return snapshotId;
    });
    const recorded = await this.snapshotById(id);
    return recorded!;
  }

  /**
   * Writes many snapshots in one transaction, but only into a store that holds none: builds them
   * (`build` runs only then) and returns how many it wrote, or 0 when the store already had some.
   * A transaction-scoped advisory lock plus the emptiness check inside it make two processes
   * sharing one server fill it once. Every snapshot passes the same checks as recordSnapshot.
   */
  async recordSnapshotsIfEmpty(build: () => readonly NewSnapshot[]): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${FILL_EMPTY_LOCK_ID})`);
      const existing = await tx.select({ id: snapshots.id }).from(snapshots).limit(1);
      if (existing.length > 0) return 0;
      const inputs = build();
      if (inputs.length === 0) return 0;
      const statuses = inputs.map(checkSnapshot);
      // Ids drawn up front so each child row knows its snapshot without relying on RETURNING's order.
      const drawn = await tx
        .select({ id: sql<string>`nextval(pg_get_serial_sequence('snapshots', 'id'))::text` })
        .from(sql`generate_series(1, ${inputs.length})`);
      const ids = drawn.map((row) => Number(row.id));
      const snapshotRows = inputs.map((input, index) => ({
        id: ids[index]!,
        connectionLabel: input.connection.label,
        keyFingerprint: input.connection.keyFingerprint,
        startedAt: input.startedAt,
        takenAt: input.takenAt,
        status: statuses[index]!,
        demo: input.demo,
      }));
      const accountRowsAll = inputs.flatMap((input, index) => accountRows(ids[index]!, input.accounts));
      const stakedRowsAll = inputs.flatMap((input, index) => stakedRows(ids[index]!, input.accounts));
      const balanceRows = inputs.flatMap((input, index) =>
        input.accounts.flatMap((account) =>
          account.status === "ok" ? account.balances.map((balance) => ({ ...balance, snapshotId: ids[index]!, account: account.account })) : [],
        ),
      );
      for (const rows of chunks(snapshotRows, BULK_INSERT_ROWS)) await tx.insert(snapshots).values(rows);
      for (const rows of chunks(accountRowsAll, BULK_INSERT_ROWS)) await tx.insert(snapshotAccounts).values(rows);
      for (const rows of chunks(balanceRows, BULK_INSERT_ROWS)) await tx.insert(snapshotBalances).values(rows);
      for (const rows of chunks(stakedRowsAll, BULK_INSERT_ROWS)) await tx.insert(snapshotStakedBalances).values(rows);
      return inputs.length;
    });
  }

  /** The newest snapshot taken at or before `at` that holds balances (a failed one holds none). */
  async latestSnapshotAt(at: Date, keyFingerprint?: string): Promise<SnapshotSummary | null> {
    const rows = await this.db
      .select(summaryColumns)
      .from(snapshots)
      .where(and(lte(snapshots.takenAt, at), ne(snapshots.status, "failed"), this.connectionIs(keyFingerprint)))
      .orderBy(desc(snapshots.takenAt), desc(snapshots.id))
      .limit(1);
    return rows[0] ? toSummary(rows[0]) : null;
  }

  /** The newest snapshot of the same key holding balances taken before this one (by time, then id): what a change is measured from. */
  async previousSnapshot(snapshot: Pick<SnapshotSummary, "id" | "takenAt" | "connection">): Promise<SnapshotSummary | null> {
    const rows = await this.db
      .select(summaryColumns)
      .from(snapshots)
      .where(
        and(
          ne(snapshots.status, "failed"),
          eq(snapshots.keyFingerprint, snapshot.connection.keyFingerprint),
          or(lt(snapshots.takenAt, snapshot.takenAt), and(eq(snapshots.takenAt, snapshot.takenAt), lt(snapshots.id, snapshot.id))),
        ),
      )
      .orderBy(desc(snapshots.takenAt), desc(snapshots.id))
      .limit(1);
    return rows[0] ? toSummary(rows[0]) : null;
  }

  /** Snapshots taken within [from, to], newest first, failed ones included. */
  async listSnapshots({ from, to, keyFingerprint }: SnapshotRange = {}): Promise<SnapshotSummary[]> {
    const rows = await this.db
      .select(summaryColumns)
      .from(snapshots)
      .where(
        and(
          from ? gte(snapshots.takenAt, from) : undefined,
          to ? lte(snapshots.takenAt, to) : undefined,
          this.connectionIs(keyFingerprint),
        ),
      )
      .orderBy(desc(snapshots.takenAt), desc(snapshots.id));
    return rows.map(toSummary);
  }

  /** What each of these snapshots recorded for these accounts (a scoped user's), by snapshot id. */
  async accountOutcomes(ids: readonly number[], accounts: readonly string[]): Promise<Map<number, AccountOutcome[]>> {
    const rows = await this.db
      .select({ snapshotId: snapshotAccounts.snapshotId, ...outcomeColumns })
      .from(snapshotAccounts)
      .where(and(inArray(snapshotAccounts.snapshotId, [...ids]), inArray(snapshotAccounts.account, [...accounts])))
      .orderBy(asc(snapshotAccounts.snapshotId), asc(snapshotAccounts.account));
    const outcomes = new Map<number, AccountOutcome[]>();
    for (const { snapshotId, ...outcome } of rows) outcomes.set(snapshotId, [...(outcomes.get(snapshotId) ?? []), outcome]);
    return outcomes;
  }

  /** Everything one snapshot recorded, or null for an unknown id. */
  async snapshotRows(id: number): Promise<SnapshotContents | null> {
    const snapshot = await this.snapshotById(id);
    if (!snapshot) return null;
    const [accounts, balances, staked] = await Promise.all([
      this.db
        .select(outcomeColumns)
        .from(snapshotAccounts)
        .where(eq(snapshotAccounts.snapshotId, id))
        .orderBy(asc(snapshotAccounts.account)),
      this.db
        .select({
          account: snapshotBalances.account,
          currency: snapshotBalances.currency,
          amount: snapshotBalances.amount,
          available: snapshotBalances.available,
          availableForWithdrawal: snapshotBalances.availableForWithdrawal,
          pendingDeposit: snapshotBalances.pendingDeposit,
          pendingWithdrawal: snapshotBalances.pendingWithdrawal,
          valueUsd: snapshotBalances.valueUsd,
          exchangeTimestamp: snapshotBalances.exchangeTimestamp,
          takenAt: snapshotBalances.takenAt,
        })
        .from(snapshotBalances)
        .where(eq(snapshotBalances.snapshotId, id))
        .orderBy(asc(snapshotBalances.account), asc(snapshotBalances.currency)),
      this.db
        .select({
          account: snapshotStakedBalances.account,
          currency: snapshotStakedBalances.currency,
          balance: snapshotStakedBalances.balance,
          valueUsd: snapshotStakedBalances.valueUsd,
        })
        .from(snapshotStakedBalances)
        .where(eq(snapshotStakedBalances.snapshotId, id))
        .orderBy(asc(snapshotStakedBalances.account), asc(snapshotStakedBalances.currency)),
    ]);
    return { snapshot, accounts, balances, staked };
  }

  private async snapshotById(id: number): Promise<SnapshotSummary | null> {
    const rows = await this.db.select(summaryColumns).from(snapshots).where(eq(snapshots.id, id));
    return rows[0] ? toSummary(rows[0]) : null;
  }

  private connectionIs(keyFingerprint: string | undefined): SQL | undefined {
    return keyFingerprint === undefined ? undefined : eq(snapshots.keyFingerprint, keyFingerprint);
  }
}
