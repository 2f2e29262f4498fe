/**
 * The audit log on a real store (both engines): every event is a stdout line and a chained row;
 * while the store fails nothing is lost (rows wait and are written in order when it is back) and
 * what must be recorded before it is served is refused instead.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { AUDIT_RETRY_MS, createAuditLog, MAX_AUDIT_BACKLOG, type AuditLog, type LogEntry } from "@/lib/auth/audit-log";
import { openStore, type Store, type StoreOptions } from "@/lib/store";
import { ENGINE_TIMEOUT_MS, ENGINES, useStoreEngines } from "@/testkit/store-engines";

const { freshLocation } = useStoreEngines();

const AT = new Date("2026-12-01T09:00:00.000Z");

const entry = (outcome: string, extra: Partial<LogEntry> = {}): LogEntry => ({ event: "balances_fetch", user: "alice", outcome, account: "primary", address: "127.0.0.1", ...extra });

describe.each(ENGINES)("audit log on %s", (engine) => {
  let location: StoreOptions;
  /** The store the log writes to; closed to make the store fail for real. */
  let store: Store;
  let storeUp = true;

  beforeAll(async () => {
    location = await freshLocation(engine);
    store = await openStore(location);
  }, ENGINE_TIMEOUT_MS);

  afterAll(async () => {
    if (storeUp) await store.close();
  }, ENGINE_TIMEOUT_MS);

  async function storeDown() {
    await store.close();
    storeUp = false;
  }

  async function storeBack() {
    store = await openStore(location);
    storeUp = true;
  }

  function harness(kept = true) {
    const printed: string[] = [];
    const warned: string[] = [];
    const retries: (() => void)[] = [];
    let opened = 0;
    let clock = AT.getTime();
    const log: AuditLog = createAuditLog({
      kept: () => kept,
      open: async () => {
        opened += 1;
        return store.audit;
      },
      print: (line) => printed.push(line),
      warn: (line) => warned.push(line),
      now: () => new Date(clock),
      schedule: (retry) => retries.push(retry),
    });
    const lines = () => printed.map((line) => JSON.parse(line) as Record<string, unknown>);
    /** Past the pause after a failed write. */
    const later = () => (clock += AUDIT_RETRY_MS);
    return { log, printed, lines, warned, retries, later, opened: () => opened };
  }

  async function rowsAfter(id: number) {
    return (await store.audit.list({ limit: 500 })).events.filter((row) => row.id > id).reverse();
  }

  const lastId = async () => (await store.audit.head())!.lastId;

  it("prints the line and appends the chained row", async () => {
    const { log, lines } = harness();
    const before = await lastId();
    await log.record(entry("ok", { details: { rows: "3" } }));
    await log.recordOrRefuse(entry("ok", { event: "login", account: null }));
    expect(lines()).toEqual([
      { audit: true, time: AT.toISOString(), event: "balances_fetch", user: "alice", outcome: "ok", account: "primary", address: "127.0.0.1", details: { rows: "3" } },
      { audit: true, time: AT.toISOString(), event: "login", user: "alice", outcome: "ok", account: null, address: "127.0.0.1" },
    ]);
    const rows = await rowsAfter(before);
    expect(rows.map(({ event, outcome, details, occurredAt }) => ({ event, outcome, details, occurredAt }))).toEqual([
      { event: "balances_fetch", outcome: "ok", details: { rows: "3" }, occurredAt: AT },
      { event: "login", outcome: "ok", details: {}, occurredAt: AT },
    ]);
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it("keeps every event while the store fails, refuses what must be recorded first, and writes them in order once it is back", async () => {
    const { log, lines, warned, retries, later } = harness();
    const before = await lastId();
    await storeDown();
    try {
      // A refusal is still reported; its row waits.
      await expect(log.record(entry("forbidden_role", { event: "access_denied" }))).resolves.toBeUndefined();
      expect(log.pending()).toBe(1);
      // A read that was served must not leave without its row: refused, and the line says so.
      const refused = await log.recordOrRefuse(entry("ok")).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApiError);
      expect(refused).toMatchObject({ code: "audit_unavailable", status: 503 });
      expect(lines().at(-1)).toMatchObject({ outcome: "audit_unavailable", details: { intended_outcome: "ok" } });
      expect(log.pending()).toBe(2);
      // And the next read is refused before it starts.
      await expect(log.ready()).rejects.toMatchObject({ code: "audit_unavailable" });
      expect(warned.map((line) => JSON.parse(line).event)).toContain("audit_store_failed");
      expect(retries.length).toBeGreaterThan(0);
    } finally {
      await storeBack();
    }
    // Until the pause after a failure is over, reads are still refused without trying the store.
    await expect(log.ready()).rejects.toMatchObject({ code: "audit_unavailable" });
    later();
    await log.ready();
    expect(log.pending()).toBe(0);
    const rows = await rowsAfter(before);
    expect(rows.map((row) => `${row.event}:${row.outcome}`)).toEqual(["access_denied:forbidden_role", "balances_fetch:audit_unavailable"]);
    expect(rows[1]!.details).toEqual({ intended_outcome: "ok" });
    expect((await store.audit.verify()).ok).toBe(true);
  }, ENGINE_TIMEOUT_MS);

  it("writes waiting rows on the retry timer when nothing else comes", async () => {
    const { log, retries } = harness();
    const before = await lastId();
    await storeDown();
    try {
      await log.record(entry("invalid_credentials", { event: "login_failed" }));
    } finally {
      await storeBack();
    }
    expect(log.pending()).toBe(1);
    retries.at(-1)!();
    expect(await log.flush()).toBe(true);
    expect((await rowsAfter(before)).map((row) => row.event)).toEqual(["login_failed"]);
  }, ENGINE_TIMEOUT_MS);

  it("writes one row at a time, in the order the events came", async () => {
    const { log } = harness();
    const before = await lastId();
    await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? log.record(entry(`n-${n}`)) : log.recordOrRefuse(entry(`n-${n}`)))));
    expect((await rowsAfter(before)).map((row) => row.outcome)).toEqual(Array.from({ length: 20 }, (_, n) => `n-${n}`));
    expect((await store.audit.verify()).ok).toBe(true);
  });

  it("keeps at most MAX_AUDIT_BACKLOG rows while the store is down, and says it dropped the oldest", async () => {
    const { log, warned } = harness();
    await storeDown();
    try {
      for (let n = 0; n <= MAX_AUDIT_BACKLOG; n += 1) await log.record(entry(`n-${n}`));
      expect(log.pending()).toBe(MAX_AUDIT_BACKLOG);
      expect(warned.some((line) => JSON.parse(line).event === "audit_backlog_overflow")).toBe(true);
    } finally {
      await storeBack();
    }
  }, ENGINE_TIMEOUT_MS);

  it("without a store, prints the line only and never refuses", async () => {
    const { log, lines, opened } = harness(false);
    await log.record(entry("ok"));
    await log.recordOrRefuse(entry("ok"));
    await log.ready();
    expect(lines()).toHaveLength(2);
    expect(opened()).toBe(0);
  });
});
