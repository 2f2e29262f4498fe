import "server-only";
import { and, asc, desc, eq, gte, inArray, isNotNull, lte, ne, sql, type SQL } from "drizzle-orm";
import type { StoreDatabase } from "./open";
import { sumDecimals } from "@/lib/treasury/money";
import { snapshotAccounts, snapshotBalances, snapshotStakedBalances, snapshots } from "./schema";
import type { AccountOutcome, BalanceRow, SnapshotStore, SnapshotSummary, StakedBalanceRow } from "./snapshots";

export type HistoryStep = "day" | "hour";

export interface HistoryRange {
  from: Date;
  to: Date;
  step: HistoryStep;
  /** One account; all of them when absent. */
  account?: string;
  /** Only these accounts (a scoped user's), besides `account`; all of them when absent. */
  accounts?: readonly string[];
  /** One currency, as stored (upper-case); all of them when absent. */
  currency?: string;
  keyFingerprint?: string;
}

/** Exact sums of one currency over the chosen accounts: numeric text from SQL, never a JS number. */
export interface CurrencyTotal {
  amount: string;
  /** null when a non-zero amount among the summed rows has no USD value: an unknown never counts as 0. */
  valueUsd: string | null;
}

export interface HistoryPoint {
  /** Start of the UTC bucket (day or hour). */
  at: Date;
  snapshotId: number;
  takenAt: Date;
  /** A chosen account failed in this snapshot: its figures are missing from the sums. */
  partial: boolean;
  /** Sum of every currency's valueUsd, staked values included; null when one of them is unknown or no chosen account was read. */
  totalUsd: string | null;
  /** By currency, in code order. */
  currencies: Record<string, CurrencyTotal>;
  /** Staked sums by currency, apart from `currencies` (never in their amounts). */
  staked: Record<string, CurrencyTotal>;
  /** The staked part of totalUsd; null when not recorded (see stakingRecorded) or a staked value is unknown. */
  stakedUsd: string | null;
  /** A chosen account's staking was recorded in this snapshot (older snapshots did not record it: unknown, not zero). */
  stakingRecorded: boolean;
}

export interface StatementFilter {
  account?: string;
  /** Only these accounts (a scoped user's), besides `account`. */
  accounts?: readonly string[];
  keyFingerprint?: string;
}

export interface Statement {
  snapshot: SnapshotSummary;
  /** The chosen accounts' outcomes, by account. */
  accounts: AccountOutcome[];
  /** Ordered by account, then currency. */
  balances: BalanceRow[];
  totals: Record<string, CurrencyTotal>;
  /** Staked values included. */
  totalUsd: string | null;
  /** Staked balances, apart from `balances`; ordered by account, then currency. */
  staked: StakedBalanceRow[];
  stakedTotals: Record<string, CurrencyTotal>;
  /** The staked part of totalUsd; null when not recorded or a staked value is unknown. */
  stakedUsd: string | null;
  stakingRecorded: boolean;
}

/** ISO-8601 in UTC, whatever the session's TimeZone (servers are often not on UTC). */
function utcText(timestamp: SQL): SQL<string> {
  return sql<string>`to_char(${timestamp} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

/** A figure that exists but has no USD value: the sum of values is then unknown, not smaller. */
const unknownValue = sql`bool_or(${snapshotBalances.valueUsd} IS NULL AND ${snapshotBalances.amount} <> 0)`;
const unknownStakedValue = sql`bool_or(${snapshotStakedBalances.valueUsd} IS NULL AND ${snapshotStakedBalances.balance} <> 0)`;

/**
 * The total with the staked value added, exactly: as recorded when staking was not (an older
 * snapshot), unknown when either part is.
 */
function withStaked(exchangeUsd: string | null, staked: readonly TotalsRow[], recorded: boolean): { totalUsd: string | null; stakedUsd: string | null } {
  if (!recorded) return { totalUsd: exchangeUsd, stakedUsd: null };
  if (staked.length === 0) return { totalUsd: exchangeUsd, stakedUsd: "0" };
  const stakedUsd = staked[0]!.totalUsd;
  return { totalUsd: exchangeUsd === null || stakedUsd === null ? null : sumDecimals([exchangeUsd, stakedUsd]), stakedUsd };
}

interface TotalsRow {
  snapshotId: number;
  currency: string;
  amount: string;
  valueUsd: string | null;
  totalUsd: string | null;
}

/**
 * Reading history back: points for a chart and the statement at a time. Every sum is done by
 * the engine in numeric and read as text, so 19 decimals and integers beyond 2^53 stay exact.
 */
export class HistoryStore {
  constructor(
    private readonly db: StoreDatabase,
    private readonly snapshotStore: SnapshotStore,
  ) {}

  /**
   * Per UTC bucket within [from, to], the last snapshot taken in it that holds balances, with
   * exact per-currency sums over the chosen accounts. A bucket without one is absent: a chart
   * shows a gap there, never an invented figure.
   */
  async historyPoints({ from, to, step, account, accounts, currency, keyFingerprint }: HistoryRange): Promise<HistoryPoint[]> {
    const named = chosenAccounts(account, accounts);
    // Whitelisted, and inlined so DISTINCT ON and ORDER BY are the very same expression.
    const unit = step === "hour" ? "hour" : "day";
    const bucket = sql`date_trunc('${sql.raw(unit)}', ${snapshots.takenAt}, 'UTC')`;
    const chosen = await this.db
      .selectDistinctOn([bucket], { id: snapshots.id, at: utcText(bucket), takenAt: snapshots.takenAt, status: snapshots.status })
      .from(snapshots)
      .where(
        and(
          gte(snapshots.takenAt, from),
          lte(snapshots.takenAt, to),
          ne(snapshots.status, "failed"),
          keyFingerprint === undefined ? undefined : eq(snapshots.keyFingerprint, keyFingerprint),
        ),
      )
      .orderBy(bucket, desc(snapshots.takenAt), desc(snapshots.id));
    if (chosen.length === 0) return [];
    const ids = chosen.map((snapshot) => snapshot.id);

    const [outcomes, totals, stakedTotals, recorded] = await Promise.all([
      named === undefined
        ? Promise.resolve(null)
        : this.db
            .select({ snapshotId: snapshotAccounts.snapshotId, status: snapshotAccounts.status })
            .from(snapshotAccounts)
            .where(and(inArray(snapshotAccounts.snapshotId, ids), inArray(snapshotAccounts.account, [...named]))),
      this.currencyTotals(ids, named, currency),
      this.stakedTotals(ids, named, currency),
      this.stakingRecordedIn(ids, named),
    ]);
    const stakedBySnapshot = groupBySnapshot(stakedTotals);
    // Chosen accounts: failed when every one of them failed in the snapshot, partial when some did.
    const accountStatus = outcomes && new Map<number, "ok" | "partial" | "failed">();
    for (const { snapshotId, status } of outcomes ?? []) {
      const before = accountStatus!.get(snapshotId);
      accountStatus!.set(snapshotId, before === undefined || before === status ? (status === "ok" ? "ok" : "failed") : "partial");
    }
    const totalsBySnapshot = groupBySnapshot(totals);

    const points: HistoryPoint[] = [];
    for (const snapshot of chosen) {
      // Chosen accounts: a snapshot that names none of them says nothing about them, so no point.
      const status = accountStatus ? accountStatus.get(snapshot.id) : snapshot.status === "partial" ? "partial" : "ok";
      if (status === undefined) continue;
      const rows = totalsBySnapshot.get(snapshot.id) ?? [];
      const staked = stakedBySnapshot.get(snapshot.id) ?? [];
      const stakingRecorded = recorded.has(snapshot.id);
      const exchangeUsd = rows.length > 0 ? rows[0]!.totalUsd : status === "failed" ? null : "0";
      points.push({
        at: new Date(snapshot.at),
        snapshotId: snapshot.id,
        takenAt: snapshot.takenAt,
        partial: status !== "ok",
        ...withStaked(exchangeUsd, staked, stakingRecorded),
        currencies: currencyMap(rows),
        staked: currencyMap(staked),
        stakingRecorded,
      });
    }
    return points;
  }

  /** History consolidated over `connections`: each one's points (within its own scope), summed per bucket (see consolidatePoints). */
  async consolidatedHistoryPoints(range: Omit<HistoryRange, "keyFingerprint" | "account" | "accounts">, connections: readonly ConnectionKey[]): Promise<ConsolidatedPoint[]> {
    const perConnection = await Promise.all(
      connections.map(async ({ label, keyFingerprint, accounts }) => ({
        label,
        points: await this.historyPoints({ ...range, keyFingerprint, ...(accounts === undefined ? {} : { accounts }) }),
      })),
    );
    return consolidatePoints(perConnection);
  }

  /**
   * The statement at `at`: the newest snapshot taken at or before it that holds balances, with
   * what it recorded for the chosen accounts and their exact totals; null before the first one.
   */
  async statementAt(at: Date, { account, accounts: only, keyFingerprint }: StatementFilter = {}): Promise<Statement | null> {
    const snapshot = await this.snapshotStore.latestSnapshotAt(at, keyFingerprint);
    if (!snapshot) return null;
    const named = chosenAccounts(account, only);
    const [contents, totals, stakedTotals] = await Promise.all([
      this.snapshotStore.snapshotRows(snapshot.id),
      this.currencyTotals([snapshot.id], named),
      this.stakedTotals([snapshot.id], named),
    ]);
    const chosen = <T extends { account: string }>(rows: T[]) => (named === undefined ? rows : rows.filter((row) => named.includes(row.account)));
    const accounts = chosen(contents!.accounts);
    const anyRead = accounts.some((outcome) => outcome.status === "ok");
    const stakingRecorded = accounts.some((outcome) => outcome.staking !== null);
    return {
      snapshot,
      accounts,
      balances: chosen(contents!.balances),
      totals: currencyMap(totals),
      ...withStaked(totals.length > 0 ? totals[0]!.totalUsd : anyRead ? "0" : null, stakedTotals, stakingRecorded),
      staked: chosen(contents!.staked),
      stakedTotals: currencyMap(stakedTotals),
      stakingRecorded,
    };
  }

  /** Per snapshot and currency, the sums over the chosen accounts, and each snapshot's USD total. */
  private currencyTotals(ids: number[], accounts?: readonly string[], currency?: string): Promise<TotalsRow[]> {
    const byCurrencyValue = sql`CASE WHEN ${unknownValue} THEN NULL ELSE coalesce(sum(${snapshotBalances.valueUsd}), 0) END`;
    const perSnapshot = sql`OVER (PARTITION BY ${snapshotBalances.snapshotId})`;
    return this.db
      .select({
        snapshotId: snapshotBalances.snapshotId,
        currency: snapshotBalances.currency,
        amount: sql<string>`sum(${snapshotBalances.amount})::text`,
        valueUsd: sql<string | null>`(${byCurrencyValue})::text`,
        // A window over the grouped rows: one exact total per snapshot, unknown if any value is.
        totalUsd: sql<string | null>`(CASE WHEN bool_or(${unknownValue}) ${perSnapshot} THEN NULL ELSE sum(coalesce(sum(${snapshotBalances.valueUsd}), 0)) ${perSnapshot} END)::text`,
      })
      .from(snapshotBalances)
      .where(
        and(
          inArray(snapshotBalances.snapshotId, ids),
          accounts === undefined ? undefined : inArray(snapshotBalances.account, [...accounts]),
          currency === undefined ? undefined : eq(snapshotBalances.currency, currency),
        ),
      )
      .groupBy(snapshotBalances.snapshotId, snapshotBalances.currency)
      .orderBy(asc(snapshotBalances.snapshotId), asc(snapshotBalances.currency));
  }

  /** The same sums over the staked balances (their `amount` is the staked balance), apart from the exchange ones. */
  private stakedTotals(ids: number[], accounts?: readonly string[], currency?: string): Promise<TotalsRow[]> {
    const byCurrencyValue = sql`CASE WHEN ${unknownStakedValue} THEN NULL ELSE coalesce(sum(${snapshotStakedBalances.valueUsd}), 0) END`;
    const perSnapshot = sql`OVER (PARTITION BY ${snapshotStakedBalances.snapshotId})`;
    return this.db
      .select({
        snapshotId: snapshotStakedBalances.snapshotId,
        currency: snapshotStakedBalances.currency,
        amount: sql<string>`sum(${snapshotStakedBalances.balance})::text`,
        valueUsd: sql<string | null>`(${byCurrencyValue})::text`,
        totalUsd: sql<string | null>`(CASE WHEN bool_or(${unknownStakedValue}) ${perSnapshot} THEN NULL ELSE sum(coalesce(sum(${snapshotStakedBalances.valueUsd}), 0)) ${perSnapshot} END)::text`,
      })
      .from(snapshotStakedBalances)
      .where(
        and(
          inArray(snapshotStakedBalances.snapshotId, ids),
          accounts === undefined ? undefined : inArray(snapshotStakedBalances.account, [...accounts]),
          currency === undefined ? undefined : eq(snapshotStakedBalances.currency, currency),
        ),
      )
      .groupBy(snapshotStakedBalances.snapshotId, snapshotStakedBalances.currency)
      .orderBy(asc(snapshotStakedBalances.snapshotId), asc(snapshotStakedBalances.currency));
  }

  /** Snapshots in which a chosen account's staking was recorded (read, or known to be unreadable). */
  private async stakingRecordedIn(ids: number[], accounts?: readonly string[]): Promise<Set<number>> {
    const rows = await this.db
      .selectDistinct({ snapshotId: snapshotAccounts.snapshotId })
      .from(snapshotAccounts)
      .where(
        and(
          inArray(snapshotAccounts.snapshotId, ids),
          isNotNull(snapshotAccounts.staking),
          accounts === undefined ? undefined : inArray(snapshotAccounts.account, [...accounts]),
        ),
      );
    return new Set(rows.map((row) => row.snapshotId));
  }
}

/** One connection of a consolidated read: its label (named in `missing`) and its key's fingerprint. */
export interface ConnectionKey {
  label: string;
  keyFingerprint: string;
  /** Only these accounts of the connection (a scoped user's); all of them when absent. */
  accounts?: readonly string[];
}

/** A bucket summed over several connections, each one's latest snapshot in it. */
export interface ConsolidatedPoint extends Omit<HistoryPoint, "snapshotId" | "takenAt"> {
  /** The summed snapshots, one per connection that has one in the bucket, in the connections' order. */
  snapshotIds: number[];
  /** The newest of them. */
  takenAt: Date;
  /** Connections with no snapshot in the bucket: the point is then partial, never silently lower. */
  missing: string[];
}

/** Exact sum of known values; unknown (null) when any one is. */
function sumKnown(values: readonly (string | null)[]): string | null {
  return values.some((value) => value === null) ? null : sumDecimals(values as string[]);
}

function sumCurrencies(maps: readonly Record<string, CurrencyTotal>[]): Record<string, CurrencyTotal> {
  const codes = [...new Set(maps.flatMap((map) => Object.keys(map)))].sort();
  return Object.fromEntries(
    codes.map((code) => {
      const parts = maps.flatMap((map) => (map[code] ? [map[code]] : []));
      return [code, { amount: sumDecimals(parts.map((part) => part.amount)), valueUsd: sumKnown(parts.map((part) => part.valueUsd)) }];
    }),
  );
}

/**
 * Several connections' points summed per bucket (big.js, exact). A bucket in which any connection
 * has a point is kept; the connections without one are listed in `missing` and the point is partial.
 */
export function consolidatePoints(perConnection: readonly { label: string; points: readonly HistoryPoint[] }[]): ConsolidatedPoint[] {
  const buckets = new Map<number, { label: string; point: HistoryPoint }[]>();
  for (const { label, points } of perConnection) {
    for (const point of points) {
      const at = point.at.getTime();
      const list = buckets.get(at) ?? [];
      list.push({ label, point });
      buckets.set(at, list);
    }
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([at, found]) => {
      const points = found.map((entry) => entry.point);
      const missing = perConnection.map((connection) => connection.label).filter((label) => !found.some((entry) => entry.label === label));
      const stakingRecorded = points.every((point) => point.stakingRecorded);
      return {
        at: new Date(at),
        snapshotIds: points.map((point) => point.snapshotId),
        takenAt: new Date(Math.max(...points.map((point) => point.takenAt.getTime()))),
        missing,
        partial: missing.length > 0 || points.some((point) => point.partial),
        totalUsd: sumKnown(points.map((point) => point.totalUsd)),
        currencies: sumCurrencies(points.map((point) => point.currencies)),
        staked: sumCurrencies(points.map((point) => point.staked)),
        // Unknown when any connection's staking was not recorded: not zero.
        stakedUsd: stakingRecorded ? sumKnown(points.map((point) => point.stakedUsd)) : null,
        stakingRecorded,
      };
    });
}

/** The accounts a filter names: `account` within `accounts`; undefined = every account. */
function chosenAccounts(account: string | undefined, accounts: readonly string[] | undefined): readonly string[] | undefined {
  if (account === undefined) return accounts;
  return accounts === undefined || accounts.includes(account) ? [account] : [];
}

function groupBySnapshot(rows: TotalsRow[]): Map<number, TotalsRow[]> {
  const grouped = new Map<number, TotalsRow[]>();
  for (const row of rows) {
    const list = grouped.get(row.snapshotId);
    if (list) list.push(row);
    else grouped.set(row.snapshotId, [row]);
  }
  return grouped;
}

function currencyMap(rows: readonly TotalsRow[]): Record<string, CurrencyTotal> {
  return Object.fromEntries(rows.map((row) => [row.currency, { amount: row.amount, valueUsd: row.valueUsd }]));
}
