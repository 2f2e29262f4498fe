/**
 * Reading history back (chart points, the statement at a time) on both engines: embedded PGlite
 * and a real PostgreSQL server. Every sum is checked against figures computed by hand in exact
 * decimal text, and the two engines must answer identically.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type AccountRecord, type BalanceRecord, type HistoryPoint, type NewSnapshot, type Statement, type Store } from "@/lib/store";
import { ENGINE_TIMEOUT_MS, ENGINES, useStoreEngines, type Engine } from "@/testkit/store-engines";

const NINETEEN = "0.1234567890123456789";
const BEYOND_2_POW_53 = "9007199254740993";
const WIDE = "123456789012345678901234567890.1234567890123456789";

const { freshLocation } = useStoreEngines();

function balance(currency: string, amount: string, valueUsd: string | null, figures: Partial<BalanceRecord> = {}): BalanceRecord {
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
    ...figures,
  };
}

const ok = (account: string, balances: BalanceRecord[]): AccountRecord => ({ account, status: "ok", balances });
const failed = (account: string, errorCode = "upstream_timeout"): AccountRecord => ({ account, status: "failed", errorCode });

function snapshot(key: string, takenAt: string, accounts: AccountRecord[]): NewSnapshot {
  const at = new Date(takenAt);
  return { connection: { label: "Treasury key", keyFingerprint: key }, startedAt: new Date(at.getTime() - 4_000), takenAt: at, demo: false, accounts };
}

/** Everything each engine answered, by test name, to compare the engines at the end. */
const answers: Record<Engine, Record<string, unknown>> = { pglite: {}, postgres: {} };

/** A point or statement with ids and times made comparable across two stores. */
function comparable(value: HistoryPoint[] | Statement | null): unknown {
  return JSON.parse(JSON.stringify(value, (key, field: unknown) => (key === "id" || key === "snapshotId" ? "<id>" : field)));
}

describe.each(ENGINES)("history reads on %s", (engine) => {
  let store: Store;
  const record = (input: NewSnapshot) => store.snapshots.recordSnapshot(input);

  beforeAll(async () => {
    store = await openStore(await freshLocation(engine));
  }, ENGINE_TIMEOUT_MS);

  afterAll(async () => {
    await store?.close();
  }, ENGINE_TIMEOUT_MS);

  it("sums 19-decimal and beyond-2^53 figures exactly, per currency and in total", async () => {
    const key = "exact";
    await record(
      snapshot(key, "2026-11-30T23:00:04.000Z", [
        ok("primary", [balance("BTC", NINETEEN, WIDE), balance("ETH", BEYOND_2_POW_53, "0.0000000000000000001")]),
        ok("treasury", [balance("BTC", "0.0000000000000000001", "1"), balance("ETH", BEYOND_2_POW_53, "0.0000000000000000002")]),
      ]),
    );
    const range = { from: new Date("2026-11-30T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z"), step: "day" as const, keyFingerprint: key };
    const points = await store.history.historyPoints(range);
    expect(points).toHaveLength(1);
    expect(points[0]!.at.toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(points[0]!.currencies).toEqual({
      BTC: { amount: "0.1234567890123456790", valueUsd: "123456789012345678901234567891.1234567890123456789" },
      // 2 x (2^53 + 1): a float would have said 18014398509481984.
      ETH: { amount: "18014398509481986", valueUsd: "0.0000000000000000003" },
    });
    expect(points[0]!.totalUsd).toBe("123456789012345678901234567891.1234567890123456792");
    expect(points[0]!.partial).toBe(false);

    const statement = await store.history.statementAt(new Date("2026-12-01T00:00:00Z"), { keyFingerprint: key });
    expect(statement!.totals).toEqual(points[0]!.currencies);
    expect(statement!.totalUsd).toBe(points[0]!.totalUsd);
    expect(statement!.balances.map((row) => [row.account, row.currency, row.amount, row.valueUsd])).toEqual([
      ["primary", "BTC", NINETEEN, WIDE],
      ["primary", "ETH", BEYOND_2_POW_53, "0.0000000000000000001"],
      ["treasury", "BTC", "0.0000000000000000001", "1"],
      ["treasury", "ETH", BEYOND_2_POW_53, "0.0000000000000000002"],
    ]);
    answers[engine].exact = [comparable(points), comparable(statement)];
  });

  it("takes the statement from the snapshot at, not just after, the time asked; failed snapshots never answer", async () => {
    const key = "as-of";
    const first = await record(snapshot(key, "2026-11-30T22:00:04.000Z", [ok("primary", [balance("BTC", "1", "100")])]));
    const second = await record(snapshot(key, "2026-11-30T23:00:04.000Z", [ok("primary", [balance("BTC", "2", "200")])]));
    await record(snapshot(key, "2026-11-30T23:30:00.000Z", [failed("primary")]));
    const at = second.takenAt.getTime();
    const statement = (ms: number) => store.history.statementAt(new Date(ms), { keyFingerprint: key });

    expect((await statement(at))!.snapshot.id).toBe(second.id);
    expect((await statement(at))!.totals).toEqual({ BTC: { amount: "2", valueUsd: "200" } });
    expect((await statement(at - 1))!.snapshot.id).toBe(first.id);
    expect((await statement(at - 1))!.totals).toEqual({ BTC: { amount: "1", valueUsd: "100" } });
    expect((await statement(at + 1))!.snapshot.id).toBe(second.id);
    expect((await statement(Date.parse("2026-11-30T23:45:00Z")))!.snapshot.id).toBe(second.id);
    expect(await statement(first.takenAt.getTime() - 1)).toBeNull();
  });

  it("gives one point per bucket, the last non-failed snapshot in it, and none for a bucket without one", async () => {
    const key = "buckets";
    const day = (iso: string, amount: string, accounts?: AccountRecord[]) =>
      record(snapshot(key, iso, accounts ?? [ok("primary", [balance("BTC", amount, amount)])]));
    await day("2026-11-01T01:00:00.000Z", "1");
    await day("2026-11-01T23:59:59.999Z", "2"); // the last of 1 Nov
    await day("2026-11-02T00:00:00.000Z", "3"); // the first of 2 Nov: a bucket includes its start
    await day("2026-11-02T12:00:00.000Z", "4");
    await day("2026-11-02T13:00:00.000Z", "9", [failed("primary")]); // later but failed: never chosen
    // 3 Nov: nothing. 4 Nov: only a failed snapshot, also a gap.
    await day("2026-11-04T10:00:00.000Z", "9", [failed("primary")]);
    await day("2026-11-05T10:00:00.000Z", "5");

    const points = await store.history.historyPoints({ from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-11-06T00:00:00Z"), step: "day", keyFingerprint: key });
    expect(points.map((point) => [point.at.toISOString(), point.takenAt.toISOString(), point.currencies.BTC?.amount])).toEqual([
      ["2026-11-01T00:00:00.000Z", "2026-11-01T23:59:59.999Z", "2"],
      ["2026-11-02T00:00:00.000Z", "2026-11-02T12:00:00.000Z", "4"],
      ["2026-11-05T00:00:00.000Z", "2026-11-05T10:00:00.000Z", "5"],
    ]);

    const hourly = await store.history.historyPoints({ from: new Date("2026-11-02T00:00:00Z"), to: new Date("2026-11-02T23:59:59.999Z"), step: "hour", keyFingerprint: key });
    expect(hourly.map((point) => [point.at.toISOString(), point.currencies.BTC?.amount])).toEqual([
      ["2026-11-02T00:00:00.000Z", "3"],
      ["2026-11-02T12:00:00.000Z", "4"],
    ]);

    // from and to are inclusive; a snapshot 1 ms outside is not read.
    const edge = await store.history.historyPoints({ from: new Date("2026-11-01T23:59:59.999Z"), to: new Date("2026-11-02T00:00:00.000Z"), step: "hour", keyFingerprint: key });
    expect(edge.map((point) => point.currencies.BTC?.amount)).toEqual(["2", "3"]);
    const outside = await store.history.historyPoints({ from: new Date("2026-11-02T00:00:00.001Z"), to: new Date("2026-11-02T11:59:59.999Z"), step: "hour", keyFingerprint: key });
    expect(outside).toEqual([]);
    answers[engine].buckets = [comparable(points), comparable(hourly)];
  });

  it("flags partial points, and sums one account or all of them", async () => {
    const key = "accounts";
    await record(
      snapshot(key, "2026-11-10T12:00:00.000Z", [
        ok("primary", [balance("BTC", "1.5", "150.00"), balance("USD", "10", "10")]),
        ok("treasury", [balance("BTC", "2.25", "225.5")]),
      ]),
    );
    await record(snapshot(key, "2026-11-11T12:00:00.000Z", [ok("primary", [balance("BTC", "1", "100")]), failed("treasury", "rate_limited")]));
    const range = { from: new Date("2026-11-10T00:00:00Z"), to: new Date("2026-11-12T00:00:00Z"), step: "day" as const, keyFingerprint: key };

    const all = await store.history.historyPoints(range);
    expect(all.map(({ partial, totalUsd, currencies }) => ({ partial, totalUsd, currencies }))).toEqual([
      { partial: false, totalUsd: "385.50", currencies: { BTC: { amount: "3.75", valueUsd: "375.50" }, USD: { amount: "10", valueUsd: "10" } } },
      { partial: true, totalUsd: "100", currencies: { BTC: { amount: "1", valueUsd: "100" } } },
    ]);

    const treasury = await store.history.historyPoints({ ...range, account: "treasury" });
    expect(treasury.map(({ partial, totalUsd, currencies }) => ({ partial, totalUsd, currencies }))).toEqual([
      { partial: false, totalUsd: "225.5", currencies: { BTC: { amount: "2.25", valueUsd: "225.5" } } },
      // The account failed: the point says so and claims no figure.
      { partial: true, totalUsd: null, currencies: {} },
    ]);
    const primary = await store.history.historyPoints({ ...range, account: "primary" });
    expect(primary.map((point) => [point.partial, point.totalUsd])).toEqual([
      [false, "160.00"],
      [false, "100"],
    ]);
    expect(await store.history.historyPoints({ ...range, account: "nobody" })).toEqual([]);

    const btc = await store.history.historyPoints({ ...range, currency: "BTC" });
    expect(btc.map((point) => [point.totalUsd, Object.keys(point.currencies)])).toEqual([
      ["375.50", ["BTC"]],
      ["100", ["BTC"]],
    ]);

    const statement = await store.history.statementAt(new Date("2026-11-11T13:00:00Z"), { keyFingerprint: key });
    expect(statement!.snapshot.status).toBe("partial");
    expect(statement!.accounts).toEqual([
      { account: "primary", status: "ok", errorCode: null, staking: null },
      { account: "treasury", status: "failed", errorCode: "rate_limited", staking: null },
    ]);
    const oneAccount = await store.history.statementAt(new Date("2026-11-10T13:00:00Z"), { keyFingerprint: key, account: "treasury" });
    expect(oneAccount!.accounts).toEqual([{ account: "treasury", status: "ok", errorCode: null, staking: null }]);
    expect(oneAccount!.balances.map((row) => row.account)).toEqual(["treasury"]);
    expect(oneAccount!.totals).toEqual({ BTC: { amount: "2.25", valueUsd: "225.5" } });
    expect(oneAccount!.totalUsd).toBe("225.5");
    answers[engine].accounts = [comparable(all), comparable(treasury), comparable(statement), comparable(oneAccount)];
  });

  it("sums only the named accounts (a scoped user's), and counts a snapshot partial when one of them failed", async () => {
    const key = "scoped";
    await record(
      snapshot(key, "2026-11-10T12:00:00.000Z", [
        ok("primary", [balance("BTC", "1.5", "150.00")]),
        ok("payroll", [balance("USD", "10", "10")]),
        ok("treasury", [balance("BTC", "2.25", "225.5")]),
      ]),
    );
    await record(snapshot(key, "2026-11-11T12:00:00.000Z", [ok("primary", [balance("BTC", "1", "100")]), failed("treasury"), ok("payroll", [])]));
    await record(snapshot(key, "2026-11-12T12:00:00.000Z", [ok("primary", [balance("BTC", "1", "100")])]));
    const range = { from: new Date("2026-11-10T00:00:00Z"), to: new Date("2026-11-13T00:00:00Z"), step: "day" as const, keyFingerprint: key };
    const accounts = ["payroll", "treasury"];

    const points = await store.history.historyPoints({ ...range, accounts });
    // The third snapshot names neither account: no point, never primary's figures.
    expect(points.map(({ partial, totalUsd, currencies }) => ({ partial, totalUsd, currencies }))).toEqual([
      { partial: false, totalUsd: "235.5", currencies: { BTC: { amount: "2.25", valueUsd: "225.5" }, USD: { amount: "10", valueUsd: "10" } } },
      { partial: true, totalUsd: "0", currencies: {} },
    ]);
    // One account within the scope is that account; one outside it is nothing.
    expect((await store.history.historyPoints({ ...range, accounts, account: "payroll" })).map((point) => point.totalUsd)).toEqual(["10", "0"]);
    expect(await store.history.historyPoints({ ...range, accounts, account: "primary" })).toEqual([]);

    const statement = await store.history.statementAt(new Date("2026-11-10T13:00:00Z"), { keyFingerprint: key, accounts });
    expect(statement!.accounts.map((outcome) => outcome.account)).toEqual(["payroll", "treasury"]);
    expect([...new Set(statement!.balances.map((row) => row.account))]).toEqual(["payroll", "treasury"]);
    expect(statement!.totals).toEqual({ BTC: { amount: "2.25", valueUsd: "225.5" }, USD: { amount: "10", valueUsd: "10" } });
    expect(statement!.totalUsd).toBe("235.5");
    const outside = await store.history.statementAt(new Date("2026-11-10T13:00:00Z"), { keyFingerprint: key, accounts, account: "primary" });
    expect(outside!.balances).toEqual([]);
    expect(outside!.totalUsd).toBeNull();

    const ids = (await store.snapshots.listSnapshots({ keyFingerprint: key })).map((summary) => summary.id);
    const outcomes = await store.snapshots.accountOutcomes(ids, accounts);
    // Newest first, as listed; the newest names neither account, so it has no entry.
    expect(ids.map((id) => outcomes.get(id)?.map((outcome) => `${outcome.account}:${outcome.status}`))).toEqual([
      undefined,
      ["payroll:ok", "treasury:failed"],
      ["payroll:ok", "treasury:ok"],
    ]);
    answers[engine].scoped = [comparable(points), comparable(statement)];
  });

  it("never counts a missing USD value as zero", async () => {
    const key = "unvalued";
    await record(
      snapshot(key, "2026-11-20T12:00:00.000Z", [
        ok("primary", [balance("BTC", "1", "100"), balance("XYZ", "5", null), balance("ZERO", "0", null)]),
      ]),
    );
    const statement = await store.history.statementAt(new Date("2026-11-21T00:00:00Z"), { keyFingerprint: key });
    expect(statement!.totals).toEqual({
      BTC: { amount: "1", valueUsd: "100" },
      XYZ: { amount: "5", valueUsd: null },
      ZERO: { amount: "0", valueUsd: "0" },
    });
    expect(statement!.totalUsd).toBeNull();
  });

  it("keeps keys apart", async () => {
    await record(snapshot("key-a", "2026-11-25T12:00:00.000Z", [ok("primary", [balance("BTC", "1", "1")])]));
    await record(snapshot("key-b", "2026-11-25T13:00:00.000Z", [ok("primary", [balance("BTC", "7", "7")])]));
    const statement = await store.history.statementAt(new Date("2026-11-26T00:00:00Z"), { keyFingerprint: "key-a" });
    expect(statement!.totals.BTC!.amount).toBe("1");
    const points = await store.history.historyPoints({ from: new Date("2026-11-25T00:00:00Z"), to: new Date("2026-11-26T00:00:00Z"), step: "day", keyFingerprint: "key-b" });
    expect(points.map((point) => point.currencies.BTC!.amount)).toEqual(["7"]);
  });

  // History over several connections (?connection=all): a connection is a key of its own.
  const US = { label: "us-entity", keyFingerprint: "consolidated-us" };
  const SG = { label: "sg-entity", keyFingerprint: "consolidated-sg" };

  it("sums each connection's latest snapshot per day exactly and marks a day missing a connection", async () => {
    // Day 1: both connections; us-entity twice (only its later snapshot counts).
    await record(snapshot(US.keyFingerprint, "2026-10-01T08:00:00Z", [ok("primary", [balance("BTC", "9.9", "999")])]));
    await record(snapshot(US.keyFingerprint, "2026-10-01T20:00:00Z", [ok("primary", [balance("BTC", NINETEEN, "10.01"), balance("USD", BEYOND_2_POW_53, BEYOND_2_POW_53)])]));
    await record(snapshot(SG.keyFingerprint, "2026-10-01T12:00:00Z", [ok("primary", [balance("BTC", "0.0000000000000000001", "0.02")])]));
    // Day 2: us-entity only.
    await record(snapshot(US.keyFingerprint, "2026-10-02T12:00:00Z", [ok("primary", [balance("BTC", "1", "100")])]));

    const points = await store.history.consolidatedHistoryPoints({ from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-10-02T23:59:59Z"), step: "day" }, [US, SG]);
    expect(points.map((point) => point.at.toISOString())).toEqual(["2026-10-01T00:00:00.000Z", "2026-10-02T00:00:00.000Z"]);
    const [day1, day2] = points;
    expect(day1).toMatchObject({ missing: [], partial: false, totalUsd: "9007199254741003.03" });
    expect(day1!.snapshotIds).toHaveLength(2);
    expect(day1!.currencies.BTC).toEqual({ amount: "0.1234567890123456790", valueUsd: "10.03" });
    expect(day1!.currencies.USD).toEqual({ amount: BEYOND_2_POW_53, valueUsd: BEYOND_2_POW_53 });
    expect(day1!.takenAt.toISOString()).toBe("2026-10-01T20:00:00.000Z");
    expect(day2).toMatchObject({ missing: ["sg-entity"], partial: true, totalUsd: "100" });
  });

  it("reads each connection within its own account filter", async () => {
    const at = "2026-10-05T12:00:00Z";
    await record(snapshot(US.keyFingerprint, at, [ok("primary", [balance("BTC", "1", "100")]), ok("treasury", [balance("BTC", "5", "500")])]));
    await record(snapshot(SG.keyFingerprint, at, [ok("primary", [balance("BTC", "2", "200")]), ok("treasury", [balance("BTC", "7", "700")])]));
    const range = { from: new Date("2026-10-05T00:00:00Z"), to: new Date("2026-10-05T23:59:59Z"), step: "day" as const };
    const [scoped] = await store.history.consolidatedHistoryPoints(range, [{ ...US, accounts: ["treasury"] }, { ...SG, accounts: ["primary"] }]);
    expect(scoped).toMatchObject({ currencies: { BTC: { amount: "7", valueUsd: "700" } }, totalUsd: "700" });
    const [whole] = await store.history.consolidatedHistoryPoints(range, [US, SG]);
    expect(whole!.totalUsd).toBe("1500");
  });
});

describe("both engines", () => {
  it("answer identically", () => {
    expect(Object.keys(answers.postgres).sort()).toEqual(["accounts", "buckets", "exact", "scoped"]);
    expect(answers.pglite).toEqual(answers.postgres);
  });
});
