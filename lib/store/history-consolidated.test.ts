/**
 * History consolidated over two connections, on PGlite and on a real PostgreSQL server: per bucket
 * each connection's latest snapshot is summed exactly, and a bucket missing a connection says so
 * instead of reading lower.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type AccountRecord, type BalanceRecord, type NewSnapshot, type Store } from "@/lib/store";
import { ENGINE_TIMEOUT_MS, ENGINES, useStoreEngines } from "@/testkit/store-engines";

const { freshLocation } = useStoreEngines();

function balance(currency: string, amount: string, valueUsd: string | null): BalanceRecord {
  return {
    currency,
    amount,
    available: amount,
    availableForWithdrawal: amount,
    pendingDeposit: null,
    pendingWithdrawal: null,
    valueUsd,
    exchangeTimestamp: "1764633600123456789",
    takenAt: new Date("2026-11-30T23:00:04.123Z"),
  };
}

const ok = (account: string, balances: BalanceRecord[]): AccountRecord => ({ account, status: "ok", balances });
const US = { label: "us-entity", keyFingerprint: "key-us" };
const SG = { label: "sg-entity", keyFingerprint: "key-sg" };

function snapshot(connection: typeof US, takenAt: string, accounts: AccountRecord[]): NewSnapshot {
  const at = new Date(takenAt);
  return { connection, startedAt: new Date(at.getTime() - 4_000), takenAt: at, demo: false, accounts };
}

describe.each(ENGINES)("history consolidated over connections (%s)", (engine) => {
  let store: Store;

  beforeAll(async () => {
    store = await openStore(await freshLocation(engine));
  }, ENGINE_TIMEOUT_MS);

  afterAll(async () => {
    await store?.close();
  }, ENGINE_TIMEOUT_MS);

  it("sums each connection's latest snapshot per day exactly and marks a day missing a connection", async () => {
    // Day 1: both connections; us-entity twice (only its later snapshot counts).
    await store.snapshots.recordSnapshot(snapshot(US, "2026-11-01T08:00:00Z", [ok("primary", [balance("BTC", "9.9", "999")])]));
    await store.snapshots.recordSnapshot(
      snapshot(US, "2026-11-01T20:00:00Z", [ok("primary", [balance("BTC", "0.1234567890123456789", "10.01"), balance("USD", "9007199254740993", "9007199254740993")])]),
    );
    await store.snapshots.recordSnapshot(snapshot(SG, "2026-11-01T12:00:00Z", [ok("primary", [balance("BTC", "0.0000000000000000001", "0.02")])]));
    // Day 2: us-entity only.
    await store.snapshots.recordSnapshot(snapshot(US, "2026-11-02T12:00:00Z", [ok("primary", [balance("BTC", "1", "100")])]));

    const points = await store.history.consolidatedHistoryPoints(
      { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-02T23:59:59Z"), step: "day" },
      [US, SG],
    );
    expect(points.map((point) => point.at.toISOString())).toEqual(["2026-11-01T00:00:00.000Z", "2026-11-02T00:00:00.000Z"]);
    const [day1, day2] = points;
    expect(day1!.missing).toEqual([]);
    expect(day1!.partial).toBe(false);
    expect(day1!.snapshotIds).toHaveLength(2);
    expect(day1!.currencies.BTC).toEqual({ amount: "0.1234567890123456790", valueUsd: "10.03" });
    expect(day1!.currencies.USD).toEqual({ amount: "9007199254740993", valueUsd: "9007199254740993" });
    expect(day1!.totalUsd).toBe("9007199254741003.03");
    expect(day1!.takenAt.toISOString()).toBe("2026-11-01T20:00:00.000Z");

    expect(day2!.missing).toEqual(["sg-entity"]);
    expect(day2!.partial).toBe(true);
    expect(day2!.totalUsd).toBe("100");
  });

  it("reads each connection within its own account filter", async () => {
    const at = "2026-11-05T12:00:00Z";
    await store.snapshots.recordSnapshot(snapshot(US, at, [ok("primary", [balance("BTC", "1", "100")]), ok("treasury", [balance("BTC", "5", "500")])]));
    await store.snapshots.recordSnapshot(snapshot(SG, at, [ok("primary", [balance("BTC", "2", "200")]), ok("treasury", [balance("BTC", "7", "700")])]));
    const range = { from: new Date("2026-11-05T00:00:00Z"), to: new Date("2026-11-05T23:59:59Z"), step: "day" as const };

    const [scoped] = await store.history.consolidatedHistoryPoints(range, [{ ...US, accounts: ["treasury"] }, { ...SG, accounts: ["primary"] }]);
    expect(scoped!.currencies.BTC).toEqual({ amount: "7", valueUsd: "700" });
    expect(scoped!.totalUsd).toBe("700");

    const [whole] = await store.history.consolidatedHistoryPoints(range, [US, SG]);
    expect(whole!.totalUsd).toBe("1500");
  });
});
