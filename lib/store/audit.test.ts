/**
 * The audit trail on both engines (embedded PGlite and a real PostgreSQL server): the chain is
 * written and read back exactly, a change to any row is found by the app's check and by the SQL a
 * DBA would run, and appends from two connections at once keep one chain.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AUDIT_PAGE_ROWS, auditRowHash, CHAIN_CHECK_SQL, GENESIS_HASH, InvalidAuditEventError, openStore, type NewAuditEvent, type Store, type StoreOptions } from "@/lib/store";
import { PGLITE_FOLDER } from "@/lib/store/open";
import { ENGINE_TIMEOUT_MS, ENGINES, useStoreEngines, type Engine } from "@/testkit/store-engines";

const { freshLocation } = useStoreEngines();

const BASE_MS = Date.parse("2026-12-01T09:00:00.000Z");

function event(n: number, overrides: Partial<NewAuditEvent> = {}): NewAuditEvent {
  return {
    occurredAt: new Date(BASE_MS + n * 1_000),
    event: "balances_fetch",
    user: "alice",
    outcome: "ok",
    account: "primary",
    address: "127.0.0.1",
    details: {},
    ...overrides,
  };
}

/** Runs SQL straight on the engine, as a DBA (or an intruder) would, bypassing the app. */
async function rawSql(engine: Engine, location: StoreOptions, statements: string): Promise<Record<string, unknown>[]> {
  if (engine === "postgres") {
    const client = new Client({ connectionString: location.databaseUrl! });
    await client.connect();
    try {
      const results = await client.query(statements);
      const last = Array.isArray(results) ? results.at(-1) : results;
      return last?.rows ?? [];
    } finally {
      await client.end();
    }
  }
  const pglite = await PGlite.create(path.join(location.dataDir, PGLITE_FOLDER));
  try {
    const results = await pglite.exec(statements);
    return (results.at(-1)?.rows ?? []) as Record<string, unknown>[];
  } finally {
    await pglite.close();
  }
}

/** Changes rows past the append-only trigger, as the table's owner or a superuser can. */
const tampered = (statements: string) =>
  `ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only; ${statements}; ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;`;

describe.each(ENGINES)("audit trail on %s", (engine) => {
  let location: StoreOptions;
  let store: Store;

  beforeAll(async () => {
    location = await freshLocation(engine);
    store = await openStore(location);
  }, ENGINE_TIMEOUT_MS);

  afterAll(async () => {
    await store?.close();
  }, ENGINE_TIMEOUT_MS);

  /**
   * A store of its own holding `count` events, closed while `change` runs straight on the engine
   * (PGlite has one process), then checked by the app and by CHAIN_CHECK_SQL.
   */
  async function verdictAfter(count: number, change: string) {
    const own = await freshLocation(engine);
    let opened = await openStore(own);
    const rows = await opened.audit.append(Array.from({ length: count }, (_, n) => event(n, { outcome: `ok-${n}` })));
    await opened.close();
    await rawSql(engine, own, tampered(change.replaceAll(/\$(\d+)/g, (_, n: string) => String(rows[Number(n) - 1]!.id))));
    const sqlVerdict = await rawSql(engine, own, CHAIN_CHECK_SQL);
    opened = await openStore(own);
    try {
      return { rows, verdict: await opened.audit.verify(), sqlVerdict: sqlVerdict.map((row) => ({ id: Number(row.id), problem: row.problem })) };
    } finally {
      await opened.close();
    }
  }

  it("chains each appended row to the one before, from the genesis hash, and verifies", async () => {
    const first = await store.audit.append([event(1), event(2, { event: "login", account: null })]);
    const second = await store.audit.append([event(3, { user: null, address: null })]);
    const rows = [...first, ...second];
    expect(rows.map((row) => row.prevHash)).toEqual([GENESIS_HASH, rows[0]!.hash, rows[1]!.hash]);
    expect(rows[1]!.id).toBeGreaterThan(rows[0]!.id);
    for (const row of rows) expect(row.hash).toBe(auditRowHash(row));

    const verdict = await store.audit.verify();
    expect(verdict).toEqual({ ok: true, rows: 3, lastId: rows[2]!.id, lastHash: rows[2]!.hash });
    expect(await store.audit.head()).toEqual({ lastId: rows[2]!.id, lastHash: rows[2]!.hash });
  });

  it("stores awkward text exactly as hashed, and PostgreSQL's own recomputation agrees", async () => {
    const awkward = event(10, {
      user: 'o\'brien "quoted" \\ back',
      outcome: "line\nbreak\ttab\u0001control\u007f",
      account: "ünïcødé 账户 💰",
      address: "lone \ud800 surrogate and nul \u0000 byte",
      details: { zeta: "last", alpha: "first", code_2: "=SUM(A1)", amount: "123456789012345678901234567890.123456789" },
    });
    const [row] = await store.audit.append([awkward]);
    // PostgreSQL cannot hold a lone surrogate or NUL: they are stored (and hashed) as U+FFFD.
    expect(row!.address).toBe("lone \ufffd surrogate and nul \ufffd byte");
    const { events } = await store.audit.list({ before: row!.id + 1, limit: 1 });
    expect(events).toEqual([row]);
    expect((await store.audit.verify()).ok).toBe(true);

    await store.close();
    try {
      expect(await rawSql(engine, location, CHAIN_CHECK_SQL)).toEqual([]);
    } finally {
      store = await openStore(location);
    }
  }, ENGINE_TIMEOUT_MS);

  it("refuses detail keys it could not sort alike in SQL, and values that are not text", async () => {
    await expect(store.audit.append([event(1, { details: { "Bad Key": "x" } })])).rejects.toThrow(InvalidAuditEventError);
    await expect(store.audit.append([event(1, { details: { n: 5 as unknown as string } })])).rejects.toThrow(InvalidAuditEventError);
  });

  it("lists newest first with filters and an id cursor, and walks every match oldest first", async () => {
    const own = await openStore(await freshLocation(engine));
    try {
      const rows = await own.audit.append([
        event(1, { user: "alice", event: "login", account: null }),
        event(2, { user: "alice", account: "primary" }),
        event(3, { user: "bob", account: "treasury" }),
        event(4, { user: "alice", account: "treasury" }),
        event(5, { user: "alice", event: "statement_csv", account: null }),
      ]);
      const ids = (page: { events: { id: number }[] }) => page.events.map((row) => row.id);
      const [r1, r2, r3, r4, r5] = rows.map((row) => row.id) as [number, number, number, number, number];

      expect(ids(await own.audit.list())).toEqual([r5, r4, r3, r2, r1]);
      expect(ids(await own.audit.list({ user: "alice" }))).toEqual([r5, r4, r2, r1]);
      expect(ids(await own.audit.list({ event: "balances_fetch" }))).toEqual([r4, r3, r2]);
      expect(ids(await own.audit.list({ account: "treasury" }))).toEqual([r4, r3]);
      // Both bounds are inclusive, to the millisecond.
      expect(ids(await own.audit.list({ from: rows[1]!.occurredAt, to: rows[3]!.occurredAt }))).toEqual([r4, r3, r2]);
      expect(ids(await own.audit.list({ from: new Date(rows[1]!.occurredAt.getTime() + 1), to: new Date(rows[3]!.occurredAt.getTime() - 1) }))).toEqual([r3]);

      const first = await own.audit.list({ user: "alice", limit: 2 });
      expect(ids(first)).toEqual([r5, r4]);
      expect(first.nextBefore).toBe(r4);
      const second = await own.audit.list({ user: "alice", limit: 2, before: first.nextBefore! });
      expect(ids(second)).toEqual([r2, r1]);
      expect(second.nextBefore).toBeNull();

      const walked: number[] = [];
      for await (const row of own.audit.each({ user: "alice" })) walked.push(row.id);
      expect(walked).toEqual([r1, r2, r4, r5]);
    } finally {
      await own.close();
    }
  }, ENGINE_TIMEOUT_MS);

  it("refuses UPDATE, DELETE and TRUNCATE (defence in depth: the chain does not rely on it)", async () => {
    await store.audit.append([event(20)]);
    await store.close();
    try {
      await expect(rawSql(engine, location, "UPDATE audit_events SET outcome = 'edited'")).rejects.toThrow(/append-only/);
      await expect(rawSql(engine, location, "DELETE FROM audit_events")).rejects.toThrow(/append-only/);
      await expect(rawSql(engine, location, "TRUNCATE audit_events")).rejects.toThrow(/append-only/);
      await expect(rawSql(engine, location, "DELETE FROM audit_chain_head")).rejects.toThrow(/append-only/);
    } finally {
      store = await openStore(location);
    }
    expect((await store.audit.verify()).ok).toBe(true);
  }, ENGINE_TIMEOUT_MS);

  it("finds an edited row: the app's check and the DBA's SQL name the same row", async () => {
    const { rows, verdict, sqlVerdict } = await verdictAfter(5, "UPDATE audit_events SET outcome = 'denied' WHERE id = $3");
    expect(verdict).toMatchObject({ ok: false, firstBadId: rows[2]!.id, rows: 2, reason: expect.stringMatching(/edited/) });
    expect(sqlVerdict).toEqual([{ id: rows[2]!.id, problem: "edited" }]);
  }, ENGINE_TIMEOUT_MS);

  it("finds an edited row whose hash was recomputed to match: the next row no longer follows it", async () => {
    const own = await freshLocation(engine);
    const opened = await openStore(own);
    const rows = await opened.audit.append([event(1), event(2), event(3)]);
    await opened.close();
    const forged = { ...rows[1]!, user: "mallory" };
    await rawSql(engine, own, tampered(`UPDATE audit_events SET user_name = 'mallory', hash = '${auditRowHash(forged)}' WHERE id = ${forged.id}`));
    const reopened = await openStore(own);
    try {
      expect(await reopened.audit.verify()).toMatchObject({ ok: false, firstBadId: rows[2]!.id, reason: expect.stringMatching(/deleted, edited or reordered/) });
    } finally {
      await reopened.close();
    }
  }, ENGINE_TIMEOUT_MS);

  it("finds a deleted row in the middle, and a deleted last row", async () => {
    const middle = await verdictAfter(4, "DELETE FROM audit_events WHERE id = $2");
    expect(middle.verdict).toMatchObject({ ok: false, firstBadId: middle.rows[2]!.id });
    expect(middle.sqlVerdict).toEqual([{ id: middle.rows[2]!.id, problem: "broken link" }]);

    const tail = await verdictAfter(4, "DELETE FROM audit_events WHERE id = $4");
    expect(tail.verdict).toMatchObject({ ok: false, firstBadId: tail.rows[3]!.id, reason: expect.stringMatching(/at the end were deleted/) });
  }, ENGINE_TIMEOUT_MS);

  it("finds reordered rows (two rows' ids swapped)", async () => {
    const { rows, verdict } = await verdictAfter(4, "UPDATE audit_events SET id = -id WHERE id IN ($2, $3); UPDATE audit_events SET id = CASE -id WHEN $2 THEN $3 ELSE $2 END WHERE id < 0");
    expect(verdict).toMatchObject({ ok: false, firstBadId: rows[1]!.id });
  }, ENGINE_TIMEOUT_MS);

  it("finds a row added without going through the chain head", async () => {
    const own = await freshLocation(engine);
    const opened = await openStore(own);
    const [last] = await opened.audit.append([event(1)]);
    await opened.close();
    const extra = { ...event(2), id: last!.id + 1, prevHash: last!.hash };
    await rawSql(
      engine,
      own,
      `INSERT INTO audit_events (id, occurred_at, event, user_name, outcome, account, address, details, prev_hash, hash)
       VALUES (${extra.id}, '${extra.occurredAt.toISOString()}', 'balances_fetch', 'alice', 'ok', 'primary', '127.0.0.1', '{}', '${extra.prevHash}', '${auditRowHash(extra)}')`,
    );
    const reopened = await openStore(own);
    try {
      expect(await reopened.audit.verify()).toMatchObject({ ok: false, firstBadId: extra.id, reason: expect.stringMatching(/around the chain head/) });
    } finally {
      await reopened.close();
    }
  }, ENGINE_TIMEOUT_MS);

  it("verifies page by page: a change on a later page is found, with the rows before it counted", async () => {
    const count = 2 * AUDIT_PAGE_ROWS + 7;
    const { rows, verdict } = await verdictAfter(count, `UPDATE audit_events SET account = 'payroll' WHERE id = $${count - 3}`);
    expect(verdict).toMatchObject({ ok: false, firstBadId: rows[count - 4]!.id, rows: count - 4 });
  }, ENGINE_TIMEOUT_MS);

  it("keeps one chain when appends race (one process on PGlite, two connection pools on PostgreSQL)", async () => {
    const own = await freshLocation(engine);
    const writers = engine === "postgres" ? [await openStore(own), await openStore(own)] : [await openStore(own)];
    try {
      const perWriter = 25;
      await Promise.all(
        writers.flatMap((writer, w) => Array.from({ length: perWriter }, (_, n) => writer.audit.append([event(n, { user: `writer-${w}`, outcome: `n-${n}` })]))),
      );
      const verdict = await writers[0]!.audit.verify();
      expect(verdict).toMatchObject({ ok: true, rows: perWriter * writers.length });
      // Every writer's rows are in the one chain, none lost or forked.
      for (let w = 0; w < writers.length; w += 1) {
        expect((await writers[0]!.audit.list({ user: `writer-${w}` })).events).toHaveLength(perWriter);
      }
    } finally {
      for (const writer of writers) await writer.close();
    }
  }, ENGINE_TIMEOUT_MS);
});

describe("the README's chain check", () => {
  it("is the query the tests run, word for word", () => {
    expect(readFileSync(path.join(process.cwd(), "README.md"), "utf8")).toContain(CHAIN_CHECK_SQL);
  });
});
