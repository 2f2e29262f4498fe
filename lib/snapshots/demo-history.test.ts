/**
 * The demo's seeded past: what it contains (pure), and that it is written once, into an empty
 * store only, on PGlite and on a real PostgreSQL server, and only in demo mode (through getStore).
 */
import Big from "big.js";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { parseConfig } from "@/lib/config";
import { CURRENCIES, demoGroup, SEED_BALANCES } from "@/lib/demo-exchange/data";
import { InvalidSnapshotError, openStore, type Connection, type NewSnapshot, type Store } from "@/lib/store";
import { ENGINE_TIMEOUT_MS, ENGINES, useStoreEngines } from "@/testkit/store-engines";
import { DEMO_HISTORY_DAYS, demoHistory, demoSnapshotAccounts, seedDemoHistory } from "./demo-history";

const NOW = new Date("2026-12-02T14:40:17.250Z");
const CONNECTION: Connection = { label: "Demo exchange", keyFingerprint: "demo-fingerprint" };
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const DECIMAL_TEXT = /^\d+(\.\d+)?$/;
/** Older snapshots come every 6 h; one UTC day is left out on purpose (the chart's gap). */
const COARSE_GAP_MS = 6 * HOUR_MS;
const MISSING_DAY_GAP_MS = DAY_MS + COARSE_GAP_MS;

const { freshLocation, createDatabase } = useStoreEngines();

const history = demoHistory({ now: NOW, connection: CONNECTION });
const balancesOf = (snapshot: NewSnapshot) =>
  snapshot.accounts.flatMap((account) => (account.status === "ok" ? account.balances.map((balance) => ({ ...balance, account: account.account })) : []));

describe("demoHistory", () => {
  it("covers 90 days up to now: every 6 h, hourly for the last 2 days, one day left out", () => {
    const taken = history.map((snapshot) => snapshot.takenAt.getTime());
    expect(taken.at(-1)).toBeLessThanOrEqual(NOW.getTime());
    expect(NOW.getTime() - taken.at(-1)!).toBeLessThan(HOUR_MS);
    expect(NOW.getTime() - taken[0]!).toBeGreaterThanOrEqual(DEMO_HISTORY_DAYS * DAY_MS);
    expect(NOW.getTime() - taken[0]!).toBeLessThan(DEMO_HISTORY_DAYS * DAY_MS + COARSE_GAP_MS + HOUR_MS);
    const gaps = taken.slice(1).map((at, index) => at - taken[index]!);
    expect(gaps.every((gap) => gap > 0)).toBe(true);
    expect(gaps.filter((gap) => gap > COARSE_GAP_MS + HOUR_MS)).toHaveLength(1);
    expect(Math.max(...gaps)).toBeLessThan(MISSING_DAY_GAP_MS + HOUR_MS);
    expect(history.filter((snapshot) => NOW.getTime() - snapshot.takenAt.getTime() < 2 * DAY_MS).length).toBeGreaterThanOrEqual(47);
    for (const snapshot of history) {
      expect(snapshot.demo).toBe(true);
      expect(snapshot.connection).toEqual(CONNECTION);
      expect(snapshot.startedAt.getTime()).toBeLessThanOrEqual(snapshot.takenAt.getTime());
    }
  });

  it("holds the demo group's open exchange accounts, with one partial snapshot that names the failed one", () => {
    expect(demoSnapshotAccounts()).toEqual(["primary", "treasury", "payroll"]);
    for (const snapshot of history) expect(snapshot.accounts.map((account) => account.account)).toEqual(demoSnapshotAccounts());
    const failed = history.flatMap((snapshot) => snapshot.accounts.filter((account) => account.status === "failed"));
    expect(failed).toEqual([{ account: "treasury", status: "failed", errorCode: "upstream_timeout" }]);
  });

  it("writes every figure as decimal text: amount >= available >= withdrawable >= 0, pending, and USD value = amount x price to the cent", () => {
    for (const snapshot of history) {
      for (const row of balancesOf(snapshot)) {
        for (const figure of [row.amount, row.available, row.availableForWithdrawal, row.pendingDeposit, row.pendingWithdrawal, row.valueUsd]) {
          expect(figure).toMatch(DECIMAL_TEXT);
        }
        expect(new Big(row.amount).gte(row.available) && new Big(row.available).gte(row.availableForWithdrawal)).toBe(true);
        const price = CURRENCIES[row.currency as keyof typeof CURRENCIES].usdPrice;
        expect(row.valueUsd).toBe(new Big(row.amount).times(price).round(2, Big.roundHalfUp).toFixed(2));
        expect(row.exchangeTimestamp).toMatch(/^\d{19}$/);
        expect(row.takenAt.getTime()).toBeLessThanOrEqual(snapshot.takenAt.getTime());
      }
    }
  });

  it("ends exactly at the demo exchange's seed balances, where its live drift starts", () => {
    const last = history.at(-1)!;
    for (const row of balancesOf(last)) {
      const seed = SEED_BALANCES[row.account]!.find((balance) => balance.currency === row.currency)!;
      expect(new Big(row.amount).eq(seed.amount)).toBe(true);
      expect(new Big(row.available).eq(seed.available)).toBe(true);
      expect(new Big(row.availableForWithdrawal).eq(seed.availableForWithdrawal)).toBe(true);
      expect(new Big(row.pendingDeposit!).eq(seed.pendingDeposit ?? "0")).toBe(true);
      expect(new Big(row.pendingWithdrawal!).eq(seed.pendingWithdrawal ?? "0")).toBe(true);
    }
    // The seed's 19th decimal survives: history moves in the exchange's drift steps.
    const btc = balancesOf(last).find((row) => row.account === "primary" && row.currency === "BTC")!;
    expect(btc.amount).toBe("42.1234567890123456789");
    const olderBtc = balancesOf(history[0]!).find((row) => row.account === "primary" && row.currency === "BTC")!;
    expect(olderBtc.amount).toMatch(/^\d+\.\d{13}456789$/);
  });

  it("stakes as the demo exchange does: primary and treasury staked (exact, valued at the feed), payroll nothing", () => {
    for (const snapshot of [history[0]!, history.at(-1)!]) {
      const staking = Object.fromEntries(snapshot.accounts.flatMap((account) => (account.status === "ok" ? [[account.account, account.staking]] : [])));
      expect(staking.primary).toEqual({
        state: "staked",
        balances: [
          { currency: "ETH", balance: "40.250000000000000001", valueUsd: "136850.0000000000000034" },
          { currency: "SOL", balance: "1200.123456789", valueUsd: "216022.22222202" },
        ],
      });
      expect(staking.treasury).toEqual({ state: "staked", balances: [{ currency: "ETH", balance: "640.5", valueUsd: "2177700" }] });
      expect(staking.payroll).toEqual({ state: "staked", balances: [] });
    }
  });

  it("moves: balances differ over time but stay positive, and zero balances stay zero", () => {
    const path = history.map((snapshot) => balancesOf(snapshot).find((row) => row.account === "treasury" && row.currency === "USD")?.amount);
    expect(new Set(path.filter(Boolean)).size).toBeGreaterThan(history.length / 4);
    for (const snapshot of history) {
      for (const row of balancesOf(snapshot)) {
        const seed = SEED_BALANCES[row.account]!.find((balance) => balance.currency === row.currency)!;
        expect(new Big(row.amount).gt(0)).toBe(new Big(seed.amount).gt(0));
      }
    }
  });

  it("is the same past for the same now", () => {
    expect(demoHistory({ now: NOW, connection: CONNECTION })).toEqual(history);
  });
});

describe.each(ENGINES)("seedDemoHistory on %s", (engine) => {
  let store: Store;

  beforeAll(async () => {
    store = await openStore(await freshLocation(engine));
  }, ENGINE_TIMEOUT_MS);

  afterAll(async () => {
    await store?.close();
  }, ENGINE_TIMEOUT_MS);

  it("fills an empty store once, in one go, and never again", async () => {
    const first = await seedDemoHistory(store, { now: NOW, connection: CONNECTION });
    console.log(JSON.stringify({ engine, seeded: first }));
    expect(first.snapshots).toBe(history.length);
    expect(first.alertEvents).toBe(1);
    const again = await seedDemoHistory(store, { now: new Date(NOW.getTime() + DAY_MS), connection: CONNECTION });
    expect(again.snapshots).toBe(0);
    expect(await store.snapshots.listSnapshots()).toHaveLength(history.length);
  });

  it("seeds the demo's alert rules once, one of them firing against the seeded past", async () => {
    const rules = await store.alerts.listRules();
    expect(rules.map((rule) => [rule.name, rule.state.state, rule.createdBy])).toEqual([
      ["Large payroll withdrawal", "firing", "demo"],
      ["Group USD below 10 million", "ok", "demo"],
      ["Snapshot failed or partial", "ok", "demo"],
    ]);
    const events = await store.alerts.listEvents({ limit: 10 });
    expect(events).toMatchObject([
      { kind: "fired", ruleName: "Large payroll withdrawal", occurredAt: history.at(-1)!.takenAt, summary: "A USD withdrawal of 312450.88 is pending in payroll, above 250000.00." },
    ]);
  });

  it("reads back marked demo, named, decimal text, 90 days long", async () => {
    const listed = await store.snapshots.listSnapshots();
    expect(listed.every((snapshot) => snapshot.demo && snapshot.connection.label === "Demo exchange")).toBe(true);
    expect(listed.filter((snapshot) => snapshot.status === "partial").map((snapshot) => snapshot.failedAccounts)).toEqual([["treasury"]]);
    expect(listed.at(-1)!.takenAt).toEqual(history[0]!.takenAt);
    expect(listed[0]!.takenAt).toEqual(history.at(-1)!.takenAt);

    const latest = await store.snapshots.latestSnapshotAt(NOW, CONNECTION.keyFingerprint);
    const contents = await store.snapshots.snapshotRows(latest!.id);
    const expected = balancesOf(history.at(-1)!).sort((a, b) => (a.account === b.account ? (a.currency < b.currency ? -1 : 1) : a.account < b.account ? -1 : 1));
    expect(contents!.balances).toEqual(expected);
    expect(contents!.balances.find((row) => row.account === "primary" && row.currency === "BTC")!.amount).toBe("42.1234567890123456789");
    expect(contents!.staked.find((row) => row.account === "primary" && row.currency === "ETH")).toEqual({
      account: "primary",
      currency: "ETH",
      balance: "40.250000000000000001",
      valueUsd: "136850.0000000000000034",
    });
    expect(contents!.accounts.map((outcome) => outcome.staking)).toEqual(["staked", "staked", "staked"]);
  });
});

describe.each(ENGINES)("seedDemoHistory with a further demo connection on %s", (engine) => {
  it("seeds the 90 days for every connection, each under its own key and its own accounts' names", async () => {
    const store = await openStore(await freshLocation(engine));
    try {
      const sg: Connection = { label: "sg-entity", keyFingerprint: "sg-fingerprint" };
      const seeded = await seedDemoHistory(store, { now: NOW, connection: CONNECTION, further: [{ label: "sg-entity", connection: sg }] });
      expect(seeded.snapshots).toBe(2 * history.length);
      expect(await store.snapshots.listSnapshots({ keyFingerprint: CONNECTION.keyFingerprint })).toHaveLength(history.length);
      const theirs = await store.snapshots.listSnapshots({ keyFingerprint: sg.keyFingerprint });
      expect(theirs).toHaveLength(history.length);
      expect(theirs.every((snapshot) => snapshot.demo && snapshot.connection.label === "sg-entity")).toBe(true);
      expect(theirs.at(-1)!.takenAt).toEqual(history[0]!.takenAt);
      expect(theirs.filter((snapshot) => snapshot.status === "partial").map((snapshot) => snapshot.failedAccounts)).toEqual([["sg-entity-treasury"]]);
      const latest = await store.snapshots.latestSnapshotAt(NOW, sg.keyFingerprint);
      const contents = await store.snapshots.snapshotRows(latest!.id);
      expect([...new Set(contents!.balances.map((row) => row.account))].sort()).toEqual(demoSnapshotAccounts().map((account) => `sg-entity-${account}`).sort());
    } finally {
      await store.close();
    }
  }, ENGINE_TIMEOUT_MS);
});

describe.each(ENGINES)("seedDemoHistory with DEMO_ACCOUNTS desks and two demo connections on %s", (engine) => {
  it("puts every open exchange account of each group, desks included, in its newest snapshot at the seed figures; desks only after they were opened", async () => {
    const store = await openStore(await freshLocation(engine));
    try {
      const sg: Connection = { label: "sg-entity", keyFingerprint: "sg-fingerprint" };
      // DEMO_ACCOUNTS=200 as the runtime passes it: 195 desks, opened 6 hours before now.
      const desks = { extra: 195, openedAt: NOW.getTime() - 6 * HOUR_MS };
      const seeded = await seedDemoHistory(store, { now: NOW, connection: CONNECTION, further: [{ label: "sg-entity", connection: sg }], desks });
      console.log(JSON.stringify({ engine, desks: desks.extra, seeded }));
      expect(seeded.snapshots).toBe(2 * history.length);
      expect(seeded.alertEvents).toBe(1);
      for (const [connection, label] of [[CONNECTION, undefined], [sg, "sg-entity"]] as const) {
        const group = demoGroup(desks.extra, label, desks.openedAt);
        const open = group.accounts.filter((spec) => spec.type === "exchange" && spec.status === "open");
        expect(open).toHaveLength(3 + desks.extra);
        const latest = await store.snapshots.latestSnapshotAt(NOW, connection.keyFingerprint);
        const contents = (await store.snapshots.snapshotRows(latest!.id))!;
        expect(contents.accounts.map((outcome) => outcome.account).sort()).toEqual(open.map((spec) => spec.account).sort());
        expect(contents.accounts.every((outcome) => outcome.status === "ok" && outcome.staking === "staked")).toBe(true);
        for (const spec of open) {
          const rows = contents.balances.filter((row) => row.account === spec.account);
          const seeds = group.seeds[spec.account]!;
          expect(rows.map((row) => row.currency).sort()).toEqual(seeds.map((seed) => seed.currency).sort());
          for (const seed of seeds) {
            const row = rows.find((candidate) => candidate.currency === seed.currency)!;
            expect([row.amount, row.available, row.availableForWithdrawal, row.pendingDeposit, row.pendingWithdrawal].map((figure) => new Big(figure!).toFixed())).toEqual(
              [seed.amount, seed.available, seed.availableForWithdrawal, seed.pendingDeposit ?? "0", seed.pendingWithdrawal ?? "0"].map((figure) => new Big(figure).toFixed()),
            );
          }
          const staked = contents.staked.filter((row) => row.account === spec.account).map((row) => [row.currency, row.balance]);
          const seededStaking = (group.staking[spec.account] ?? []).map((row) => [row.currency, Object.values(row.providers).reduce((sum, amount) => sum.plus(amount), new Big(0)).toFixed()]);
          expect(staked).toEqual(seededStaking);
        }
        // Before the desks were opened a snapshot holds the named accounts only; from then on, every desk.
        const listed = await store.snapshots.listSnapshots({ keyFingerprint: connection.keyFingerprint });
        const counts = listed.filter((snapshot) => snapshot.status === "complete").map((snapshot) => [snapshot.takenAt.getTime() >= desks.openedAt, snapshot.accountCount]);
        expect(counts.filter(([after]) => after).every(([, count]) => count === open.length)).toBe(true);
        expect(counts.filter(([after]) => !after).every(([, count]) => count === 3)).toBe(true);
        expect(counts.filter(([after]) => after).length).toBeGreaterThanOrEqual(5);
      }
    } finally {
      await store.close();
    }
  }, ENGINE_TIMEOUT_MS);
});

describe.each(ENGINES)("a store with history of its own on %s", (engine) => {
  it("is never seeded", async () => {
    const store = await openStore(await freshLocation(engine));
    try {
      const live = { connection: { label: "Gemini", keyFingerprint: "live" }, startedAt: NOW, takenAt: NOW, demo: false, accounts: [{ account: "primary", status: "failed" as const, errorCode: "upstream_timeout" }] };
      await store.snapshots.recordSnapshot(live);
      expect((await seedDemoHistory(store, { now: NOW, connection: CONNECTION })).snapshots).toBe(0);
      expect((await store.snapshots.listSnapshots()).map((snapshot) => snapshot.demo)).toEqual([false]);
    } finally {
      await store.close();
    }
  }, ENGINE_TIMEOUT_MS);
});

describe.each(ENGINES)("the store's bulk write on %s", (engine) => {
  it("checks every snapshot as recordSnapshot does, and a bad one writes none of them", async () => {
    const store = await openStore(await freshLocation(engine));
    try {
      const [good, bad] = [history[0]!, history[1]!];
      const broken: NewSnapshot = { ...bad, accounts: [{ account: "primary", status: "ok", balances: [{ ...balancesOf(bad)[0]!, amount: "1e3" }] }] };
      await expect(store.snapshots.recordSnapshotsIfEmpty(() => [good, broken])).rejects.toBeInstanceOf(InvalidSnapshotError);
      expect(await store.snapshots.listSnapshots()).toEqual([]);
    } finally {
      await store.close();
    }
  }, ENGINE_TIMEOUT_MS);
});

describe("two processes opening one PostgreSQL database at once", () => {
  it("seed it once", async () => {
    const location = await freshLocation("postgres");
    const [a, b] = await Promise.all([openStore(location), openStore(location)]);
    try {
      const results = await Promise.all([a, b].map((store) => seedDemoHistory(store, { now: NOW, connection: CONNECTION })));
      expect(results.map((result) => result.snapshots).sort((x, y) => x - y)).toEqual([0, history.length]);
      expect(await a.snapshots.listSnapshots()).toHaveLength(history.length);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, ENGINE_TIMEOUT_MS);
});

describe("getStore()", () => {
  const saved = { ...process.env };
  const holder = globalThis as typeof globalThis & { __historyStore?: Promise<Store>; __serverRuntime?: unknown };

  afterEach(async () => {
    await (await holder.__historyStore?.catch(() => undefined))?.close();
    delete holder.__historyStore;
    delete holder.__serverRuntime;
    process.env = { ...saved };
    vi.resetModules();
  }, ENGINE_TIMEOUT_MS);

  /** A fresh runtime (config read anew) on a fresh database, with these variables. */
  async function runtimeWith(env: Record<string, string>) {
    const databaseUrl = await createDatabase();
    process.env = { ...saved, DATABASE_URL: databaseUrl, ...env };
    for (const name of ["GEMINI_API_KEY", "GEMINI_API_SECRET", "DEMO_EXCHANGE_URL", "REDIS_URL", "VERCEL", "DEMO_HISTORY"]) if (!(name in env)) delete process.env[name];
    vi.resetModules();
    return import("@/lib/server/runtime");
  }

  it("seeds the demo's past in demo mode, named by the runtime's connection", async () => {
    const runtime = await runtimeWith({});
    const store = await runtime.getStore();
    const listed = await store.snapshots.listSnapshots();
    expect(listed.length).toBeGreaterThan(DEMO_HISTORY_DAYS * 4 - 10);
    expect(listed[0]!.connection).toEqual(runtime.getSnapshotConnection());
    expect(listed[0]!.connection.label).toBe("Demo exchange");
    expect(listed.every((snapshot) => snapshot.demo)).toBe(true);
  }, ENGINE_TIMEOUT_MS);

  it("leaves a demo store empty with DEMO_HISTORY=off, and refuses any other value naming the variable", async () => {
    const runtime = await runtimeWith({ DEMO_HISTORY: "off" });
    const store = await runtime.getStore();
    expect(await store.snapshots.listSnapshots()).toEqual([]);
    expect(() => parseConfig({ DEMO_HISTORY: "maybe" })).toThrow(/DEMO_HISTORY must be on or off/);
    expect(parseConfig({ DEMO_HISTORY: "on" }).history.demoHistory).toBe(true);
    expect(parseConfig({}).history.demoHistory).toBe(true);
  }, ENGINE_TIMEOUT_MS);

  it("never seeds in live mode", async () => {
    const runtime = await runtimeWith({
      GEMINI_API_KEY: "master-live0000000000000",
      GEMINI_API_SECRET: "live-secret",
      SESSION_SECRET: "0123456789abcdef0123456789abcdef",
      DASHBOARD_USERS: `alice:scrypt:N=1024:r=8:p=1:${"A".repeat(22)}:${"B".repeat(43)}`,
    });
    const store = await runtime.getStore();
    expect(await store.snapshots.listSnapshots()).toEqual([]);
  }, ENGINE_TIMEOUT_MS);
});
