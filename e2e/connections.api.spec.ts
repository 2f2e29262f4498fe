/**
 * Several connections over HTTP on the production build: two embedded demo groups
 * (DEMO_CONNECTIONS), each its own key and accounts. connection= picks one on every route that
 * takes account=, an unknown label is refused before any call, and the all-accounts view from the
 * store spans both with a subtotal each, from its first answer (the seeded past holds every desk).
 */
import { expect, test } from "@playwright/test";
import Big from "big.js";
import type { AccountsResponse, BalancesResponse } from "../lib/balances/types";
import type { OverviewResponse, StoredOverviewResponse } from "../lib/treasury/types";
import { startApp, stopAll, type Running } from "../testkit/processes";

type Stored = Extract<StoredOverviewResponse, { source: "store" }>;

let app: Running;
/** Per group: the five named accounts (three open) and 15 desks. */
const OPEN_PER_GROUP = 18;

const json = async <T>(response: Response, status = 200): Promise<T> => {
  expect(response.status, await response.clone().text()).toBe(status);
  return response.json() as Promise<T>;
};

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // DEMO_HISTORY: each group's seeded past, for history over both; the store's first view comes from it.
  app = await startApp({ env: { DEMO_CONNECTIONS: "us-entity,sg-entity", DEMO_ACCOUNTS: "20", GEMINI_CALLS_PER_SECOND: "10", DEMO_HISTORY: "on" } });
});

test.afterAll(async () => {
  await stopAll([app]);
});

test("each connection lists its own group; the first is the default", async () => {
  const us = await json<AccountsResponse>(await fetch(`${app.url}/api/accounts?connection=us-entity`));
  const sg = await json<AccountsResponse>(await fetch(`${app.url}/api/accounts?connection=sg-entity`));
  expect(us.accounts[0]).toMatchObject({ account: "primary", name: "Operating" });
  expect(sg.accounts[0]).toMatchObject({ account: "sg-entity-primary", name: "Operating (sg-entity)" });
  expect(sg.accounts).toHaveLength(20);
  expect(await json<AccountsResponse>(await fetch(`${app.url}/api/accounts`))).toEqual(us);

  const balances = await json<BalancesResponse>(await fetch(`${app.url}/api/balances?connection=sg-entity&account=sg-entity-treasury`));
  expect(balances.account).toBe("sg-entity-treasury");
  expect(balances.balances.length).toBeGreaterThan(0);
  // Another connection's account is not in this one's group.
  const wrong = await json<{ error: { code: string } }>(await fetch(`${app.url}/api/balances?connection=us-entity&account=sg-entity-treasury`), 404);
  expect(wrong.error.code).toBe("account_not_found");
});

test("an unknown or malformed connection is 400 on every route that takes one", async () => {
  for (const path of ["/api/accounts", "/api/balances?account=primary&", "/api/valuation?account=primary&", "/api/balances.csv?account=primary&", "/api/roles"]) {
    const joiner = path.includes("?") ? "" : "?";
    const unknown = await json<{ error: { code: string; message: string } }>(await fetch(`${app.url}${path}${joiner}connection=eu-entity`), 400);
    expect(unknown.error).toMatchObject({ code: "unknown_connection", message: expect.stringContaining("us-entity, sg-entity") });
    const malformed = await json<{ error: { code: string } }>(await fetch(`${app.url}${path}${joiner}connection=EU_ENTITY`), 400);
    expect(malformed.error.code).toBe("bad_request");
  }
});

test("the all-accounts view from the store spans both connections, each row labelled, with a subtotal each", async () => {
  test.setTimeout(120_000);
  const stored = async (): Promise<Stored> => {
    const body = await json<StoredOverviewResponse>(await fetch(`${app.url}/api/overview/stored`));
    if (body.source !== "store") throw new Error(`expected the store, got ${JSON.stringify(body)}`);
    return body;
  };
  // The first answer, before any refresh, already lists every open account of both groups: the seeded past holds the desks.
  const first = await stored();
  expect(first.connections.map((connection) => [connection.label, connection.accounts])).toEqual([
    ["us-entity", OPEN_PER_GROUP],
    ["sg-entity", OPEN_PER_GROUP],
  ]);
  expect(first.accounts.filter((account) => account.total !== null)).toHaveLength(2 * OPEN_PER_GROUP);
  await expect
    .poll(async () => {
      const view = await stored();
      return !view.refresh.running && view.accounts.filter((account) => account.total !== null).length;
    }, { timeout: 90_000 })
    .toBe(2 * OPEN_PER_GROUP);
  const view = await stored();
  expect(view.connections.map((connection) => [connection.label, connection.accounts])).toEqual([
    ["us-entity", OPEN_PER_GROUP],
    ["sg-entity", OPEN_PER_GROUP],
  ]);
  for (const connection of view.connections) {
    const theirs = view.accounts.filter((account) => account.connection === connection.label);
    expect(theirs).toHaveLength(OPEN_PER_GROUP);
    const sum = theirs.reduce((total, account) => total.plus(account.total!), new Big(0));
    expect(new Big(connection.total!).eq(sum)).toBe(true);
  }
  expect(view.accounts.filter((account) => account.connection === "sg-entity").every((account) => account.account.startsWith("sg-entity-"))).toBe(true);
  // One snapshot per connection.
  const taken = await json<{ snapshot: { id: number }; snapshots: { id: number }[] }>(await fetch(`${app.url}/api/snapshots`, { method: "POST" }), 201);
  expect(taken.snapshots).toHaveLength(2);
});

test("snapshots, history and statements are per connection (connection=), the default one without it", async () => {
  type Listed = { snapshots: { id: number }[] };
  const us = await json<Listed>(await fetch(`${app.url}/api/snapshots`));
  const sg = await json<Listed>(await fetch(`${app.url}/api/snapshots?connection=sg-entity`));
  expect(await json<Listed>(await fetch(`${app.url}/api/snapshots?connection=us-entity`))).toEqual(us);
  expect(sg.snapshots.length).toBeGreaterThan(0);
  const usIds = new Set(us.snapshots.map((snapshot) => snapshot.id));
  expect(sg.snapshots.some((snapshot) => usIds.has(snapshot.id))).toBe(false);
  const detail = await json<{ balances: { account: string }[] }>(await fetch(`${app.url}/api/snapshots/${sg.snapshots[0]!.id}`));
  expect(detail.balances.every((row) => row.account.startsWith("sg-entity-"))).toBe(true);

  const at = new Date().toISOString();
  const statement = await json<{ balances: { account: string }[] }>(await fetch(`${app.url}/api/statement?connection=sg-entity&at=${at}`));
  expect(statement.balances.length).toBeGreaterThan(0);
  expect(statement.balances.every((row) => row.account.startsWith("sg-entity-"))).toBe(true);
  const usStatement = await json<{ balances: { account: string }[] }>(await fetch(`${app.url}/api/statement?at=${at}`));
  expect(usStatement.balances.some((row) => row.account.startsWith("sg-entity-"))).toBe(false);
  const csv = await fetch(`${app.url}/api/statement.csv?connection=sg-entity&at=${at}`);
  expect(csv.status).toBe(200);
  expect(await csv.text()).toContain("sg-entity-primary");

  const history = await json<{ points: unknown[] }>(await fetch(`${app.url}/api/history?connection=sg-entity&account=sg-entity-primary`));
  expect(history.points.length).toBeGreaterThan(0);
  for (const path of ["/api/history?", "/api/snapshots?", `/api/statement?at=${at}&`, `/api/statement.csv?at=${at}&`]) {
    const refused = await json<{ error: { code: string } }>(await fetch(`${app.url}${path}connection=eu-entity`), 400);
    expect(refused.error.code).toBe("unknown_connection");
  }
});

test("history over every connection (connection=all) is, bucket by bucket, the exact sum of each connection's", async () => {
  type Point = { at: string; totalUsd: string | null; currencies: Record<string, { amount: string }>; partial: boolean };
  // Up to the start of today (UTC): a snapshot taken while this runs cannot change a bucket between the reads.
  const to = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000).toISOString();
  const range = `from=${encodeURIComponent(new Date(Date.parse(to) - 30 * 86_400_000).toISOString())}&to=${encodeURIComponent(to)}`;
  const all = await json<{ connections: string[]; points: (Point & { snapshotIds: number[]; missing: string[] })[] }>(await fetch(`${app.url}/api/history?connection=all&${range}`));
  const us = await json<{ points: Point[] }>(await fetch(`${app.url}/api/history?connection=us-entity&${range}`));
  const sg = await json<{ points: Point[] }>(await fetch(`${app.url}/api/history?connection=sg-entity&${range}`));
  expect(all.connections).toEqual(["us-entity", "sg-entity"]);
  expect(all.points.length).toBeGreaterThan(20);
  const byAt = (points: Point[]) => new Map(points.map((point) => [point.at, point]));
  const usAt = byAt(us.points);
  const sgAt = byAt(sg.points);
  for (const point of all.points) {
    const parts = [usAt.get(point.at), sgAt.get(point.at)];
    expect(point.missing).toEqual(["us-entity", "sg-entity"].filter((_, index) => parts[index] === undefined));
    expect(point.snapshotIds).toHaveLength(parts.filter(Boolean).length);
    const present = parts.filter((part): part is Point => part !== undefined);
    expect(new Big(point.totalUsd!).eq(present.reduce((sum, part) => sum.plus(part.totalUsd!), new Big(0)))).toBe(true);
    for (const [currency, total] of Object.entries(point.currencies)) {
      const sum = present.reduce((acc, part) => acc.plus(part.currencies[currency]?.amount ?? "0"), new Big(0));
      expect(new Big(total.amount).eq(sum), `${point.at} ${currency}`).toBe(true);
    }
  }
  // Both groups' seeded pasts: every day but the demo's one missing day has both connections.
  expect(all.points.filter((point) => point.missing.length === 0).length).toBeGreaterThan(20);

  const refused = await json<{ error: { code: string; message: string } }>(await fetch(`${app.url}/api/history?connection=all&account=primary`), 400);
  expect(refused.error).toMatchObject({ code: "bad_request", message: expect.stringContaining("choose that connection") });
  // 'all' is history's word only: a route reading one connection's key refuses it like any unknown label.
  const balances = await json<{ error: { code: string } }>(await fetch(`${app.url}/api/balances?connection=all`), 400);
  expect(balances.error.code).toBe("unknown_connection");
});

test("/api/overview read live in EUR spans both connections: each account labelled, a subtotal each, the total their sum", async () => {
  test.setTimeout(120_000);
  const view = await json<OverviewResponse>(await fetch(`${app.url}/api/overview?currency=eur`));
  expect(view.currency).toBe("EUR");
  expect(view.connections.map((connection) => [connection.label, connection.accounts])).toEqual([
    ["us-entity", OPEN_PER_GROUP],
    ["sg-entity", OPEN_PER_GROUP],
  ]);
  let consolidated = new Big(0);
  for (const connection of view.connections) {
    const theirs = view.accounts.filter((account) => account.connection === connection.label);
    expect(theirs).toHaveLength(OPEN_PER_GROUP);
    const sum = theirs.reduce((total, account) => total.plus(account.total), new Big(0));
    expect(new Big(connection.total).eq(sum)).toBe(true);
    consolidated = consolidated.plus(connection.total);
  }
  expect(new Big(view.total).eq(consolidated)).toBe(true);
  expect(view.accounts.filter((account) => account.connection === "sg-entity").every((account) => account.account.startsWith("sg-entity-"))).toBe(true);
});
