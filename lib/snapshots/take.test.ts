/**
 * takeSnapshot against a real PostgreSQL server (testkit/postgres-server.ts) with a scripted
 * exchange reader and an injected clock: joining, the deployment-wide lock, failed accounts and
 * thinning. The real reads (gate, nonces, rate budget) are exercised by e2e/snapshots.api.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { GeminiError } from "@/lib/gemini/errors";
import type { BalancesSnapshot } from "@/lib/balances/types";
import type { NotionalBalance } from "@/lib/gemini/types";
import { ACCOUNT_KEY_ACCOUNT, takeSnapshot, type SnapshotDeps, type SnapshotReader } from "@/lib/snapshots/take";
import { openStore, type Store } from "@/lib/store";
import { startPostgres, type PostgresServer } from "@/testkit/postgres-server";

const SERVER_TIMEOUT_MS = 120_000;
const NANOS = "1764633600123456789";
const WIDE = "123456789012345678901234567890.1234567890123456789";

let server: PostgresServer;
let databaseUrl: string;
let store: Store;

beforeAll(async () => {
  server = await startPostgres();
  databaseUrl = await server.createDatabase();
  store = await openStore({ databaseUrl, dataDir: "unused" });
}, SERVER_TIMEOUT_MS);

afterAll(async () => {
  await store?.close();
  server?.stop();
}, SERVER_TIMEOUT_MS);

function balances(amount: string): BalancesSnapshot {
  return {
    staking: { state: "staked", balances: [] },
    timestamp: NANOS,
    balances: [
      { type: "exchange", currency: "BTC", amount, available: amount, availableForWithdrawal: "0", pendingDeposit: "0.5" },
      { type: "exchange", currency: "USD", amount: "10.00", available: "10.00", availableForWithdrawal: "10.00" },
    ],
  };
}

const btcValue: NotionalBalance = {
  currency: "BTC",
  amount: WIDE,
  amountNotional: "98765.4321",
  available: WIDE,
  availableNotional: "98765.4321",
  availableForWithdrawal: "0",
  availableForWithdrawalNotional: "0",
};

/** A stepping clock: every reading is one second after the last. */
function steppingClock(start: string) {
  let now = Date.parse(start);
  return { now: () => new Date((now += 1000)) };
}

function deps(key: string, reader: Partial<SnapshotReader>, overrides: Partial<SnapshotDeps> = {}): SnapshotDeps {
  return {
    store: async () => store,
    connection: { label: "Test key", keyFingerprint: key },
    demo: false,
    keepAllDays: null,
    clock: steppingClock("2026-11-30T23:00:00.000Z"),
    reader: {
      accounts: async () => ["primary"],
      balances: async () => balances(WIDE),
      valuesUsd: async () => [btcValue],
      pricesUsd: async () => ({ USD: "1", ETH: "3400" }),
      ...reader,
    },
    ...overrides,
  };
}

describe("takeSnapshot", () => {
  it("records every account's figures exactly, with Gemini's timestamp and the injected clock's times", async () => {
    const snapshot = await takeSnapshot(deps("exact", { accounts: async () => ["primary", "treasury"] }));
    expect(snapshot).toMatchObject({ status: "complete", accountCount: 2, failedAccounts: [] });
    expect(snapshot.startedAt.toISOString()).toBe("2026-11-30T23:00:01.000Z");
    expect(snapshot.takenAt.toISOString()).toBe("2026-11-30T23:00:04.000Z");
    const rows = (await store.snapshots.snapshotRows(snapshot.id))!.balances;
    expect(rows.find((row) => row.account === "treasury" && row.currency === "BTC")).toMatchObject({
      amount: WIDE,
      pendingDeposit: "0.5",
      pendingWithdrawal: null,
      valueUsd: "98765.4321",
      exchangeTimestamp: NANOS,
    });
    // A currency Gemini gave no value for has none, rather than zero.
    expect(rows.find((row) => row.currency === "USD")!.valueUsd).toBeNull();
  });

  it("records each account's staking apart and valued at the feed; a staking error is that account's alone", async () => {
    const staked = (amount: string): BalancesSnapshot => ({
      ...balances("1"),
      staking: { state: "staked", balances: [{ currency: "ETH", balance: amount, available: amount, availableForWithdrawal: "0", providers: [] }] },
    });
    const snapshot = await takeSnapshot(
      deps("staking", {
        accounts: async () => ["primary", "treasury", "payroll"],
        balances: async (account) => (account === "treasury" ? { ...balances("1"), staking: { state: "none", reason: "unavailable" } } : staked(WIDE)),
        pricesUsd: async () => ({ ETH: "3400.5" }),
      }),
    );
    // The staking error did not make the snapshot partial: it is that account's "no staking".
    expect(snapshot).toMatchObject({ status: "complete", failedAccounts: [] });
    const contents = (await store.snapshots.snapshotRows(snapshot.id))!;
    expect(contents.accounts.map((outcome) => [outcome.account, outcome.staking])).toEqual([
      ["payroll", "staked"],
      ["primary", "staked"],
      ["treasury", "unavailable"],
    ]);
    const value = "419814811036481481103648148110364.81481103648148109945"; // WIDE x 3400.5, exact
    expect(contents.staked).toEqual([
      { account: "payroll", currency: "ETH", balance: WIDE, valueUsd: value },
      { account: "primary", currency: "ETH", balance: WIDE, valueUsd: value },
    ]);
    expect(contents.balances.find((row) => row.account === "primary" && row.currency === "BTC")?.available).toBe("1");
  });

  it("keeps staked rows unvalued when the price feed fails", async () => {
    const snapshot = await takeSnapshot(
      deps("staking-no-feed", {
        balances: async () => ({ ...balances("1"), staking: { state: "staked", balances: [{ currency: "ETH", balance: "2.5", available: "2.5", availableForWithdrawal: "0", providers: [] }] } }),
        pricesUsd: async () => null,
      }),
    );
    expect((await store.snapshots.snapshotRows(snapshot.id))!.staked).toEqual([{ account: "primary", currency: "ETH", balance: "2.5", valueUsd: null }]);
  });

  it("names an account-scoped key's one account", async () => {
    const snapshot = await takeSnapshot(deps("account-key", { accounts: async () => [null] }));
    expect((await store.snapshots.snapshotRows(snapshot.id))!.accounts).toEqual([{ account: ACCOUNT_KEY_ACCOUNT, status: "ok", errorCode: null, staking: "staked" }]);
  });

  it("records a failing account as failed with its API error code, and the snapshot as partial", async () => {
    const snapshot = await takeSnapshot(
      deps("partial", {
        accounts: async () => ["primary", "treasury", "payroll"],
        balances: async (account) => {
          if (account === "treasury") throw new GeminiError("rate_limited", { status: 429 });
          return balances("1");
        },
        valuesUsd: async (account) => {
          if (account === "payroll") throw new GeminiError("timeout");
          return [];
        },
      }),
    );
    expect(snapshot).toMatchObject({ status: "partial", accountCount: 3, failedAccounts: ["payroll", "treasury"] });
    expect((await store.snapshots.snapshotRows(snapshot.id))!.accounts).toEqual([
      { account: "payroll", status: "failed", errorCode: "upstream_timeout", staking: null },
      { account: "primary", status: "ok", errorCode: null, staking: "staked" },
      { account: "treasury", status: "failed", errorCode: "RateLimit", staking: null },
    ]);
  });

  it("fails whole, recording nothing, when the account list cannot be read", async () => {
    await expect(takeSnapshot(deps("no-list", { accounts: () => Promise.reject(new GeminiError("service_error", { status: 500 })) }))).rejects.toThrow(GeminiError);
    expect(await store.snapshots.listSnapshots({ keyFingerprint: "no-list" })).toEqual([]);
  });

  it("joins triggers in this process: one sweep, one snapshot", async () => {
    let sweeps = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const reader = {
      accounts: async () => {
        sweeps += 1;
        await gate;
        return ["primary"];
      },
    };
    const first = takeSnapshot(deps("join", reader));
    const second = takeSnapshot(deps("join", reader));
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.id).toBe(b.id);
    expect(sweeps).toBe(1);
    expect(await store.snapshots.listSnapshots({ keyFingerprint: "join" })).toHaveLength(1);
    // Once done, the next trigger takes a new one.
    expect((await takeSnapshot(deps("join", {}))).id).not.toBe(a.id);
  });

  it("answers snapshot_in_progress, with no upstream read, when another process holds the key's lock", async () => {
    // A second pool on the same database: PostgreSQL sees another session, as from another process.
    const otherProcess = await openStore({ databaseUrl, dataDir: "unused" });
    try {
      let reads = 0;
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let entered!: () => void;
      const inside = new Promise<void>((resolve) => (entered = resolve));
      const holding = otherProcess.snapshots.tryExclusive("snapshot:locked", async () => {
        entered();
        await held;
      });
      await inside;
      const refused = takeSnapshot(deps("locked", { accounts: async () => ((reads += 1), ["primary"]) }));
      await expect(refused).rejects.toThrow(ApiError);
      await expect(refused).rejects.toMatchObject({ code: "snapshot_in_progress", status: 409 });
      expect(reads).toBe(0);
      release();
      await holding;
      expect((await takeSnapshot(deps("locked", {}))).status).toBe("complete");
    } finally {
      await otherProcess.close();
    }
  });

  it("thins by the configured retention after each snapshot, on the injected clock", async () => {
    const key = "thinned";
    const old = (time: string) =>
      store.snapshots.recordSnapshot({
        connection: { label: "Test key", keyFingerprint: key },
        startedAt: new Date(time),
        takenAt: new Date(time),
        demo: false,
        accounts: [{ account: "primary", status: "ok", balances: [] }],
      });
    await old("2026-10-01T10:00:00.000Z");
    const lastOfDay = await old("2026-10-01T22:00:00.000Z");
    const snapshot = await takeSnapshot(deps(key, {}, { keepAllDays: 30 }));
    expect((await store.snapshots.listSnapshots({ keyFingerprint: key })).map((entry) => entry.id)).toEqual([snapshot.id, lastOfDay.id]);
  });
});
