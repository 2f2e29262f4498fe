import "server-only";
import { and, asc, desc, eq, gte, lte, ne, sql, type SQL } from "drizzle-orm";
import type { StoreDatabase } from "./open";
import { snapshotAccounts, snapshotBalances, snapshots } from "./schema";

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

export type AccountRecord =
  | { account: string; status: "ok"; balances: readonly BalanceRecord[] }
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
}

export interface BalanceRow extends BalanceRecord {
  account: string;
}

export interface SnapshotContents {
  snapshot: SnapshotSummary;
  accounts: AccountOutcome[];
  /** Ordered by account, then currency. */
  balances: BalanceRow[];
}

export interface SnapshotRange {
  from?: Date;
  to?: Date;
  keyFingerprint?: string;
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
  constructor(private readonly db: StoreDatabase) {}

  /** Writes the whole snapshot in one transaction: a crash leaves all of it or none. */
  async recordSnapshot(input: NewSnapshot): Promise<SnapshotSummary> {
    if (input.startedAt > input.takenAt) throw new InvalidSnapshotError("startedAt is after takenAt");
    const names = new Set<string>();
    for (const account of input.accounts) {
      if (names.has(account.account)) throw new InvalidSnapshotError(`account ${account.account} appears twice`);
      names.add(account.account);
      if (account.status === "ok") account.balances.forEach((balance) => checkDecimals(account.account, balance));
    }
    const status = snapshotStatus(input.accounts);
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
      await tx.insert(snapshotAccounts).values(
        input.accounts.map((account) => ({
          snapshotId,
          account: account.account,
          status: account.status,
          errorCode: account.status === "failed" ? account.errorCode : null,
        })),
      );
      const balances = input.accounts.flatMap((account) =>
        account.status === "ok" ? account.balances.map((balance) => ({ ...balance, snapshotId, account: account.account })) : [],
      );
      if (balances.length > 0) await tx.insert(snapshotBalances).values(balances);
      return snapshotId;
    });
    const recorded = await this.snapshotById(id);
    return recorded!;
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

  /** Everything one snapshot recorded, or null for an unknown id. */
  async snapshotRows(id: number): Promise<SnapshotContents | null> {
    const snapshot = await this.snapshotById(id);
    if (!snapshot) return null;
    const [accounts, balances] = await Promise.all([
      this.db
        .select({ account: snapshotAccounts.account, status: snapshotAccounts.status, errorCode: snapshotAccounts.errorCode })
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
    ]);
    return { snapshot, accounts, balances };
  }

  private async snapshotById(id: number): Promise<SnapshotSummary | null> {
    const rows = await this.db.select(summaryColumns).from(snapshots).where(eq(snapshots.id, id));
    return rows[0] ? toSummary(rows[0]) : null;
  }

  private connectionIs(keyFingerprint: string | undefined): SQL | undefined {
    return keyFingerprint === undefined ? undefined : eq(snapshots.keyFingerprint, keyFingerprint);
  }
}
