/**
 * The history store on both engines it runs on: embedded PGlite in a DATA_DIR and a real
 * PostgreSQL server (testkit/postgres-server.ts). No mocks: every assertion reads back
 * through the engine.
 */
import { spawn } from "node:child_process";
import { cpSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_BALANCES } from "@/lib/demo-exchange/data";
import { keyFingerprint } from "@/lib/gemini/client";
import { DataDirInUseError, InvalidSnapshotError, openStore, type AccountRecord, type BalanceRecord, type NewSnapshot, type StakingRecord, type Store, type StoreOptions } from "@/lib/store";
import { MIGRATIONS_FOLDER, PGLITE_FOLDER } from "@/lib/store/open";
import { ENGINE_TIMEOUT_MS, ENGINES, useStoreEngines } from "@/testkit/store-engines";
import { CHILD_ACCOUNTS, CHILD_CURRENCIES, CHILD_FINGERPRINT } from "@/testkit/store-child";

const CHILD_SCRIPT = path.join(process.cwd(), "testkit", "store-child.ts");
/** Snapshots the writer must have committed before it is killed mid-way through the next. */
const COMMITS_BEFORE_KILL = 3;

/** Every migration in the journal, each applied exactly once. */
const MIGRATION_COUNT = (JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;

const EXCHANGE_NANOS = "1764633600123456789";
const BEYOND_2_POW_53 = "9007199254740993";
const WIDE = "123456789012345678901234567890.1234567890123456789";

const { freshLocation, temporaryDir, createDatabase } = useStoreEngines();

/** Runs SQL straight on the engine, as the code before a migration wrote it. */
async function rawSql(location: StoreOptions, statements: readonly string[]): Promise<void> {
  if (location.databaseUrl) {
    const client = new Client({ connectionString: location.databaseUrl });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
    return;
  }
  const pglite = await PGlite.create(path.join(location.dataDir, PGLITE_FOLDER));
  try {
    for (const statement of statements) await pglite.query(statement);
  } finally {
    await pglite.close();
  }
}

/** The migrations folder as it was before migration 0008 (staking). */
function migrationsBeforeStaking(): string {
  const folder = temporaryDir("migrations-0007-");
  cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
  const journalPath = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((entry) => entry.tag !== "0008_staking");
  writeFileSync(journalPath, JSON.stringify(journal));
  rmSync(path.join(folder, "0008_staking.sql"));
  return folder;
}

/** The migrations applied, read straight from the engine. */
async function appliedMigrations(location: StoreOptions): Promise<number> {
  const query = 'SELECT count(*)::int AS n FROM drizzle."__drizzle_migrations"';
  if (location.databaseUrl) {
    const client = new Client({ connectionString: location.databaseUrl });
    await client.connect();
    try {
      return (await client.query<{ n: number }>(query)).rows[0]!.n;
    } finally {
      await client.end();
    }
  }
  const pglite = await PGlite.create(path.join(location.dataDir, PGLITE_FOLDER));
  try {
    return (await pglite.query<{ n: number }>(query)).rows[0]!.n;
  } finally {
    await pglite.close();
  }
}

function balance(currency: string, figures: Partial<BalanceRecord> = {}): BalanceRecord {
  return {
    currency,
    amount: "1.5",
    available: "1.5",
    availableForWithdrawal: "1.5",
    pendingDeposit: null,
    pendingWithdrawal: null,
    valueUsd: "150.00",
    exchangeTimestamp: EXCHANGE_NANOS,
    takenAt: new Date("2026-11-30T23:00:04.123Z"),
    ...figures,
  };
}

function snapshotAt(fingerprint: string, takenAt: string, accounts: AccountRecord[]): NewSnapshot {
  const at = new Date(takenAt);
  return { connection: { label: "Treasury key", keyFingerprint: fingerprint }, startedAt: new Date(at.getTime() - 4_000), takenAt: at, demo: false, accounts };
}

const okAccount = (account: string, balances: BalanceRecord[] = [balance("BTC")]): AccountRecord => ({ account, status: "ok", balances });
const stakingAccount = (account: string, staking: StakingRecord, balances: BalanceRecord[] = [balance("BTC")]): AccountRecord => ({ account, status: "ok", balances, staking });

function childProcess(mode: "open" | "write", location: StoreOptions) {
  const args = ["--conditions=react-server", "--import", "tsx", CHILD_SCRIPT, mode, location.dataDir];
  if (location.databaseUrl) args.push(location.databaseUrl);
  return spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
}

describe.each(ENGINES)("history store on %s", (engine) => {
  let location: StoreOptions;
  let store: Store;

  beforeAll(async () => {
    location = await freshLocation(engine);
    store = await openStore(location);
  }, ENGINE_TIMEOUT_MS);

  afterAll(async () => {
    await store?.close();
  }, ENGINE_TIMEOUT_MS);

  it("uses the engine it was asked for", () => {
    expect(store.engine).toBe(engine);
  });

  it("round-trips the demo's nastiest figures and Gemini's nanosecond timestamp exactly", async () => {
    const seeded: AccountRecord[] = Object.entries(SEED_BALANCES).map(([account, balances]) =>
      okAccount(
        account,
        balances.map((seed) =>
          balance(seed.currency, {
            amount: seed.amount,
            available: seed.available,
            availableForWithdrawal: seed.availableForWithdrawal,
            pendingDeposit: seed.pendingDeposit ?? null,
            pendingWithdrawal: seed.pendingWithdrawal ?? null,
          }),
        ),
      ),
    );
    const extremes = okAccount("extremes", [
      balance("BIG", { amount: BEYOND_2_POW_53, available: WIDE, availableForWithdrawal: "0.0000000000000000001", valueUsd: WIDE }),
      balance("NEG", { amount: "-0.0000000000000000001", available: "0.00", availableForWithdrawal: "0", exchangeTimestamp: null, valueUsd: null }),
    ]);
    const recorded = await store.snapshots.recordSnapshot(snapshotAt("round-trip", "2026-11-30T23:00:04.000Z", [...seeded, extremes]));
    const contents = await store.snapshots.snapshotRows(recorded.id);

    const expected = [...seeded, extremes]
      .flatMap((account) => (account.status === "ok" ? account.balances.map((row) => ({ ...row, account: account.account })) : []))
      .sort((a, b) => (a.account === b.account ? (a.currency < b.currency ? -1 : 1) : a.account < b.account ? -1 : 1));
    expect(contents!.balances).toEqual(expected);
    const btc = contents!.balances.find((row) => row.account === "primary" && row.currency === "BTC")!;
    expect(btc.amount).toBe("42.1234567890123456789");
    expect(btc.exchangeTimestamp).toBe(EXCHANGE_NANOS);
    for (const row of contents!.balances) {
      for (const figure of [row.amount, row.available, row.availableForWithdrawal]) expect(typeof figure).toBe("string");
    }
  });

  it("keeps staked balances apart, digit for digit, with each account's staking state; an older row reads as not recorded", async () => {
    const recorded = await store.snapshots.recordSnapshot(
      snapshotAt("staking", "2026-11-30T23:00:04.000Z", [
        stakingAccount(
          "primary",
          {
            state: "staked",
            balances: [
              { currency: "ETH", balance: "40.250000000000000001", valueUsd: "136850.0000000000000034" },
              { currency: "BIG", balance: WIDE, valueUsd: null },
            ],
          },
          [balance("ETH", { amount: "318.75", available: "318.75" })],
        ),
        stakingAccount("payroll", { state: "staked", balances: [] }),
        stakingAccount("treasury", { state: "none", reason: "unavailable" }),
        stakingAccount("restricted", { state: "none", reason: "not_permitted" }),
        okAccount("legacy"),
        { account: "failing", status: "failed", errorCode: "timeout" },
      ]),
    );
    const contents = (await store.snapshots.snapshotRows(recorded.id))!;
    expect(contents.accounts.map((outcome) => [outcome.account, outcome.staking])).toEqual([
      ["failing", null],
      ["legacy", null],
      ["payroll", "staked"],
      ["primary", "staked"],
      ["restricted", "not_permitted"],
      ["treasury", "unavailable"],
    ]);
    expect(contents.staked).toEqual([
      { account: "primary", currency: "BIG", balance: WIDE, valueUsd: null },
      { account: "primary", currency: "ETH", balance: "40.250000000000000001", valueUsd: "136850.0000000000000034" },
    ]);
    // Never summed in: the exchange row is the exchange's own.
    expect(contents.balances.find((row) => row.account === "primary")).toMatchObject({ currency: "ETH", amount: "318.75", available: "318.75" });
    await expect(
      store.snapshots.recordSnapshot(
        snapshotAt("staking", "2026-11-30T23:10:00.000Z", [stakingAccount("primary", { state: "staked", balances: [{ currency: "ETH", balance: "1e3", valueUsd: null }] })]),
      ),
    ).rejects.toThrow(InvalidSnapshotError);
  });

  it("upgrades a store from before migration 0008: its snapshots read as staking not recorded, never zero; new ones record it", async () => {
    const location: StoreOptions = engine === "postgres" ? { databaseUrl: await createDatabase(), dataDir: temporaryDir("unused-") } : { databaseUrl: null, dataDir: temporaryDir("store-0007-") };
    await (await openStore({ ...location, migrationsFolder: migrationsBeforeStaking() })).close();
    await rawSql(location, [
      `INSERT INTO snapshots (id, connection_label, key_fingerprint, started_at, taken_at, status, demo) VALUES (900, 'Old', 'upgrade', '2026-11-30T23:00:00Z', '2026-11-30T23:00:04Z', 'complete', false)`,
      `INSERT INTO snapshot_accounts (snapshot_id, account, status, error_code) VALUES (900, 'primary', 'ok', NULL)`,
      `INSERT INTO snapshot_balances (snapshot_id, account, currency, amount, available, available_for_withdrawal, value_usd, taken_at) VALUES (900, 'primary', 'ETH', 318.75, 318.75, 318.75, 1083750.00, '2026-11-30T23:00:03Z')`,
    ]);
    const upgraded = await openStore(location);
    try {
      const old = (await upgraded.snapshots.snapshotRows(900))!;
      expect(old.accounts).toEqual([{ account: "primary", status: "ok", errorCode: null, staking: null }]);
      expect(old.staked).toEqual([]);
      const before = (await upgraded.history.statementAt(new Date("2026-11-30T23:59:00Z"), { keyFingerprint: "upgrade" }))!;
      expect([before.stakingRecorded, before.stakedUsd, before.totalUsd]).toEqual([false, null, "1083750.00"]);

      await upgraded.snapshots.recordSnapshot({
        ...snapshotAt("upgrade", "2026-12-01T23:00:04.000Z", [
          stakingAccount("primary", { state: "staked", balances: [{ currency: "ETH", balance: "40.250000000000000001", valueUsd: "136850.0000000000000034" }] }, [
            balance("ETH", { amount: "318.75", available: "318.75", availableForWithdrawal: "318.75", valueUsd: "1083750.00" }),
          ]),
        ]),
      });
      const after = (await upgraded.history.statementAt(new Date("2026-12-01T23:59:00Z"), { keyFingerprint: "upgrade" }))!;
      expect([after.stakingRecorded, after.stakedUsd, after.totalUsd]).toEqual([true, "136850.0000000000000034", "1220600.0000000000000034"]);
      expect(after.totals).toEqual({ ETH: { amount: "318.75", valueUsd: "1083750.00" } });
      expect(after.stakedTotals).toEqual({ ETH: { amount: "40.250000000000000001", valueUsd: "136850.0000000000000034" } });
      const points = await upgraded.history.historyPoints({ from: new Date("2026-11-30T00:00:00Z"), to: new Date("2026-12-02T00:00:00Z"), step: "day", keyFingerprint: "upgrade" });
      expect(points.map((point) => [point.stakingRecorded, point.stakedUsd, point.totalUsd])).toEqual([
        [false, null, "1083750.00"],
        [true, "136850.0000000000000034", "1220600.0000000000000034"],
      ]);
    } finally {
      await upgraded.close();
    }
  });

  it("selects the latest snapshot at, just before and just after a snapshot's time", async () => {
    const key = "as-of";
    const first = await store.snapshots.recordSnapshot(snapshotAt(key, "2026-11-30T22:00:04.000Z", [okAccount("primary")]));
    const second = await store.snapshots.recordSnapshot(snapshotAt(key, "2026-11-30T23:00:04.000Z", [okAccount("primary")]));
    const failed = await store.snapshots.recordSnapshot(snapshotAt(key, "2026-11-30T23:30:00.000Z", [{ account: "primary", status: "failed", errorCode: "upstream_unavailable" }]));
    const at = second.takenAt.getTime();

    expect((await store.snapshots.latestSnapshotAt(new Date(at), key))?.id).toBe(second.id);
    expect((await store.snapshots.latestSnapshotAt(new Date(at - 1), key))?.id).toBe(first.id);
    expect((await store.snapshots.latestSnapshotAt(new Date(at + 1), key))?.id).toBe(second.id);
    // A failed snapshot holds no balances, so it never answers "what did we hold".
    expect((await store.snapshots.latestSnapshotAt(failed.takenAt, key))?.id).toBe(second.id);
    expect(await store.snapshots.latestSnapshotAt(new Date(first.takenAt.getTime() - 1), key)).toBeNull();
    expect(second.takenAt.toISOString()).toBe("2026-11-30T23:00:04.000Z");
  });

  it("records a partial snapshot with the failed account and its error code", async () => {
    const recorded = await store.snapshots.recordSnapshot(
      snapshotAt("partial", "2026-11-30T23:00:04.000Z", [
        okAccount("primary", [balance("USD"), balance("BTC")]),
        { account: "treasury", status: "failed", errorCode: "rate_limited" },
      ]),
    );
    expect(recorded.status).toBe("partial");
    expect(recorded.accountCount).toBe(2);
    expect(recorded.failedAccounts).toEqual(["treasury"]);
    const contents = await store.snapshots.snapshotRows(recorded.id);
    expect(contents!.accounts).toEqual([
      { account: "primary", status: "ok", errorCode: null, staking: null },
      { account: "treasury", status: "failed", errorCode: "rate_limited", staking: null },
    ]);
    expect(contents!.balances.map((row) => `${row.account}/${row.currency}`)).toEqual(["primary/BTC", "primary/USD"]);

    const allFailed = await store.snapshots.recordSnapshot(
      snapshotAt("partial", "2026-11-30T23:10:00.000Z", [{ account: "primary", status: "failed", errorCode: "timeout" }]),
    );
    expect(allFailed.status).toBe("failed");
  });

  it("lists snapshots in a range, newest first", async () => {
    const key = "list";
    const times = ["2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z", "2026-11-03T00:00:00.000Z"];
    for (const time of times) await store.snapshots.recordSnapshot(snapshotAt(key, time, [okAccount("primary")]));
    const listed = await store.snapshots.listSnapshots({ from: new Date(times[1]!), to: new Date(times[2]!), keyFingerprint: key });
    expect(listed.map((snapshot) => snapshot.takenAt.toISOString())).toEqual([times[2], times[1]]);
    expect(listed[0]).toMatchObject({ status: "complete", accountCount: 1, failedAccounts: [], connection: { label: "Treasury key", keyFingerprint: key } });
  });

  it("writes a snapshot whole or not at all", async () => {
    const key = "atomic";
    const notDecimal = snapshotAt(key, "2026-11-30T23:00:04.000Z", [okAccount("primary", [balance("BTC", { amount: "NaN" })])]);
    await expect(store.snapshots.recordSnapshot(notDecimal)).rejects.toThrow(InvalidSnapshotError);
    // The engine refuses the second BTC row after the snapshot and account rows went in: all roll back.
    const duplicate = snapshotAt(key, "2026-11-30T23:00:04.000Z", [okAccount("primary", [balance("BTC"), balance("BTC")])]);
    await expect(store.snapshots.recordSnapshot(duplicate)).rejects.toThrow();
    expect(await store.snapshots.listSnapshots({ keyFingerprint: key })).toEqual([]);
  });

  it("thins snapshots past keepAllDays to the last non-failed one of each UTC day, at the day boundaries", async () => {
    // Thinning covers the whole store: a store of its own, so other tests' snapshots stay out of the counts.
    const store = await openStore(await freshLocation(engine));
    try {
      await thinningScenario(store);
    } finally {
      await store.close();
    }
  }, ENGINE_TIMEOUT_MS);

  async function thinningScenario(store: Store) {
    const key = "thin";
    const other = "thin-other-key";
    const record = (fingerprint: string, takenAt: string, failed = false) =>
      store.snapshots.recordSnapshot(
        snapshotAt(fingerprint, takenAt, [failed ? { account: "primary", status: "failed", errorCode: "upstream_timeout" } : okAccount("primary")]),
      );
    const now = new Date("2026-12-10T12:00:00.000Z");
    // keepAllDays 3: the cutoff is 2026-12-07T12:00Z; everything from then on stays.
    const times = {
      firstOfNov30: "2026-11-30T00:00:00.000Z",
      lastOfNov30: "2026-11-30T23:59:59.999Z",
      firstOfDec1: "2026-12-01T00:00:00.000Z",
      goodOfDec2: "2026-12-02T10:00:00.000Z",
      failedLastOfDec2: "2026-12-02T23:00:00.000Z",
      onlyFailedDec3: "2026-12-03T05:00:00.000Z",
      earlyDec7: "2026-12-07T01:00:00.000Z",
      justBeforeCutoff: "2026-12-07T11:59:59.999Z",
      atCutoff: "2026-12-07T12:00:00.000Z",
      recent: "2026-12-09T08:00:00.000Z",
      recentSameDay: "2026-12-09T09:00:00.000Z",
    };
    const ids: Record<string, number> = {};
    for (const [name, time] of Object.entries(times)) ids[name] = (await record(key, time, name.includes("ailed"))).id;
    const otherKeyEarly = await record(other, "2026-11-30T10:00:00.000Z");

    expect(await store.snapshots.thinSnapshots(now, 3)).toBe(5);
    const kept = (await store.snapshots.listSnapshots({ keyFingerprint: key })).map((snapshot) => snapshot.takenAt.toISOString()).sort();
    expect(kept).toEqual(
      // Dec 7 straddles the cutoff: its last (atCutoff) is the keeper, so the older two of that day go.
      [times.lastOfNov30, times.firstOfDec1, times.goodOfDec2, times.atCutoff, times.recent, times.recentSameDay].sort(),
    );
    // Another key's only snapshot of its day is its own day's last.
    expect((await store.snapshots.listSnapshots({ keyFingerprint: other })).map((snapshot) => snapshot.id)).toEqual([otherKeyEarly.id]);
    // The deleted snapshots' rows went with them.
    expect(await store.snapshots.snapshotRows(ids.firstOfNov30!)).toBeNull();
    expect((await store.snapshots.snapshotRows(ids.lastOfNov30!))!.balances).toHaveLength(1);
    // Thinning again changes nothing; once Dec 9 is past the cutoff, only its last snapshot stays.
    expect(await store.snapshots.thinSnapshots(now, 3)).toBe(0);
    expect(await store.snapshots.thinSnapshots(new Date("2026-12-12T08:00:00.000Z"), 3)).toBe(0);
    expect(await store.snapshots.thinSnapshots(new Date("2026-12-12T08:00:00.001Z"), 3)).toBe(1);
    expect(await store.snapshots.snapshotRows(ids.recent!)).toBeNull();
    expect(await store.snapshots.snapshotRows(ids.recentSameDay!)).not.toBeNull();
    expect(await store.snapshots.snapshotRows(ids.atCutoff!)).not.toBeNull();
  }

  it("holds an advisory lock for fn and refuses a second holder, in this process and another", async () => {
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const first = store.snapshots.tryExclusive("snapshot:lock-test", async () => {
      entered();
      await holding;
      return "done";
    });
    await inside;
    expect(await store.snapshots.tryExclusive("snapshot:lock-test", async () => "second")).toEqual({ ran: false });
    // Another key is another lock.
    expect(await store.snapshots.tryExclusive("snapshot:other-key", async () => "other")).toEqual({ ran: true, value: "other" });
    if (engine === "postgres") {
      // A second store is a second pool, as another process would be: PostgreSQL itself refuses it.
      const otherProcess = await openStore(location);
      try {
        expect(await otherProcess.snapshots.tryExclusive("snapshot:lock-test", async () => "elsewhere")).toEqual({ ran: false });
        release();
        expect(await first).toEqual({ ran: true, value: "done" });
        expect(await otherProcess.snapshots.tryExclusive("snapshot:lock-test", async () => "after")).toEqual({ ran: true, value: "after" });
      } finally {
        await otherProcess.close();
      }
    } else {
      release();
      expect(await first).toEqual({ ran: true, value: "done" });
    }
    // Released after a failure too.
    await expect(store.snapshots.tryExclusive("snapshot:lock-test", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await store.snapshots.tryExclusive("snapshot:lock-test", async () => "again")).toEqual({ ran: true, value: "again" });
  });

  it("keeps history across a restart and applies migrations once (open twice)", async () => {
    const own = await freshLocation(engine);
    const first = await openStore(own);
    const recorded = await first.snapshots.recordSnapshot(snapshotAt("restart", "2026-11-30T23:00:04.000Z", [okAccount("primary", [balance("BTC", { amount: WIDE })])]));
    await first.close();
    const reopened = await openStore(own);
    try {
      expect((await reopened.snapshots.snapshotRows(recorded.id))!.balances[0]!.amount).toBe(WIDE);
    } finally {
      await reopened.close();
    }
    expect(await appliedMigrations(own)).toBe(MIGRATION_COUNT);
  }, ENGINE_TIMEOUT_MS);

  it(
    "stays consistent when a writing process is killed with SIGKILL, and reopens cleanly",
    async () => {
      const own = await freshLocation(engine);
      const writer = childProcess("write", own);
      let stderr = "";
      writer.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const committed = await new Promise<number>((resolve, reject) => {
        let last = 0;
        writer.stdout.on("data", (chunk: Buffer) => {
          for (const match of chunk.toString().matchAll(/committed (\d+)/g)) last = Number(match[1]);
          // Killed at once, while the next snapshot's transaction is under way.
          if (last >= COMMITS_BEFORE_KILL && writer.kill("SIGKILL")) resolve(last);
        });
        writer.once("exit", (code, signal) => {
          if (signal !== "SIGKILL") reject(new Error(`writer exited early (${code}): ${stderr}`));
        });
      });
      await new Promise((resolve) => writer.once("exit", resolve));

      const reopened = await openStore(own);
      try {
        const snapshots = await reopened.snapshots.listSnapshots({ keyFingerprint: CHILD_FINGERPRINT });
        expect(snapshots.length).toBeGreaterThanOrEqual(committed);
        for (const snapshot of snapshots) {
          const contents = await reopened.snapshots.snapshotRows(snapshot.id);
          expect(contents!.accounts).toHaveLength(CHILD_ACCOUNTS);
          expect(contents!.balances).toHaveLength(CHILD_ACCOUNTS * CHILD_CURRENCIES);
        }
        const after = await reopened.snapshots.recordSnapshot(snapshotAt("after-kill", "2026-12-01T00:00:00.000Z", [okAccount("primary")]));
        expect(after.status).toBe("complete");
      } finally {
        await reopened.close();
      }
    },
    ENGINE_TIMEOUT_MS,
  );

  if (engine === "pglite") {
    it("refuses a second process on the same DATA_DIR, naming DATABASE_URL", async () => {
      const second = childProcess("open", location);
      let stderr = "";
      second.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => second.once("exit", resolve));
      expect(code).toBe(1);
      expect(stderr).toContain(`DATA_DIR ${location.dataDir} is in use by another process`);
      expect(stderr).toContain("DATABASE_URL");
      await expect(openStore(location)).rejects.toThrow(DataDirInUseError);
    }, ENGINE_TIMEOUT_MS);
  }

  if (engine === "postgres") {
    it("migrates once when several openers (processes, pools) reach one server at the same time", async () => {
      const shared = await freshLocation(engine);
      const stores = await Promise.all([openStore(shared), openStore(shared), openStore(shared)]);
      await Promise.all(stores.map((opened) => opened.close()));
      expect(await appliedMigrations(shared)).toBe(MIGRATION_COUNT);
    }, ENGINE_TIMEOUT_MS);
  }
});

describe("key fingerprint", () => {
  it("tells keys apart without containing them", () => {
    const key = "master-abcdef0123456789";
    expect(keyFingerprint(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyFingerprint(key)).toBe(keyFingerprint(key));
    expect(keyFingerprint(key)).not.toBe(keyFingerprint("master-abcdef012345678a"));
    expect(keyFingerprint(key)).not.toContain("abcdef");
  });
});
