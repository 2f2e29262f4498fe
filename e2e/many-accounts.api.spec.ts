/**
 * Hundreds of accounts over real HTTP against the production build: a 600-account group listed
 * through Gemini's pages of 500, and the all-accounts view read from the history store at once,
 * each account with its age, refreshed in the background (a sweep) and honest when a refresh fails.
 */
import { expect, test } from "@playwright/test";
import type { AccountsResponse } from "../lib/balances/types";
import type { SnapshotDetailResponse, SnapshotTakenResponse } from "../lib/snapshots/types";
import type { StoredOverviewResponse } from "../lib/treasury/types";
import { demoExchange } from "../testkit/demo-exchange";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";

type Stored = Extract<StoredOverviewResponse, { source: "store" }>;

const started: { stop(): Promise<void> }[] = [];
const track = async (starting: Promise<Running>): Promise<Running> => {
  const running = await starting;
  started.push(running);
  return running;
};
let bigExchange: Running;
let bigApp: Running;
let exchange: Running;
let app: Running;

/** 20 accounts: the five named (three open) and 15 desks. */
const OPEN_ACCOUNTS = 18;

const json = async <T>(response: Response): Promise<T> => {
  expect(response.ok, await response.clone().text()).toBe(true);
  return response.json() as Promise<T>;
};
const stored = async (): Promise<Stored> => {
  const body = await json<StoredOverviewResponse>(await fetch(`${app.url}/api/overview/stored`));
  if (body.source !== "store") throw new Error(`expected the store, got ${JSON.stringify(body)}`);
  return body;
};

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  [bigExchange, exchange] = await Promise.all([track(startExchange(["--accounts", "600", "--no-drift"])), track(startExchange(["--accounts", "20", "--no-drift"]))]);
  [bigApp, app] = await Promise.all([
    track(startApp({ env: { DEMO_EXCHANGE_URL: bigExchange.url } })),
    track(startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, GEMINI_CALLS_PER_SECOND: "10", BALANCES_CACHE_TTL_MS: "0" } })),
  ]);
});

test.afterAll(async () => {
  await stopAll(started);
});

test("a group of 600 accounts is listed whole through two pages of Gemini's account list", async () => {
  const body = await json<AccountsResponse>(await fetch(`${bigApp.url}/api/accounts`));
  expect(body.master).toBe(true);
  expect(body.accounts).toHaveLength(600);
  expect(new Set(body.accounts.map((account) => account.account)).size).toBe(600);
  expect(body.accounts[0]).toMatchObject({ account: "primary", name: "Operating" });
  expect(body.accounts.at(-1)).toMatchObject({ account: "desk-595", type: "exchange", status: "open" });
  const calls = (await demoExchange(bigExchange.url).appCalls()).filter((call) => call.path === "/v1/account/list");
  expect(calls).toHaveLength(2);
  expect(calls.every((call) => call.status === 200)).toBe(true);
});

test("the all-accounts view reads the store at once, each account with its age, refreshed in the background", async () => {
  test.setTimeout(90_000);
  // An empty store: the first view starts a refresh and shows what it reads as it arrives.
  const first = await stored();
  expect(first.currency).toBe("USD");
  await expect.poll(async () => {
    const now = await stored();
    return !now.refresh.running && now.accounts.length === OPEN_ACCOUNTS && now.accounts.every((account) => account.asOf !== null);
  }, { timeout: 60_000 }).toBe(true);

  const view = await stored();
  const snapshots = await json<{ snapshots: { id: number; status: string }[] }>(await fetch(`${app.url}/api/snapshots`));
  expect(snapshots.snapshots).toHaveLength(1);
  const detail = await json<SnapshotDetailResponse>(await fetch(`${app.url}/api/snapshots/${snapshots.snapshots[0]!.id}`));
  for (const account of view.accounts) {
    const rows = detail.balances.filter((row) => row.account === account.account);
    expect(account.asOf).toBe(rows[0]!.takenAt);
    expect(account.refreshing).toBe(false);
    expect(account.refreshError).toBeNull();
    expect(account.balances.map((balance) => balance.amount)).toEqual(rows.map((row) => row.amount));
    expect(account.values.map((value) => value.amountNotional)).toEqual(rows.map((row) => row.valueUsd));
  }
  expect(view.accounts[0]).toMatchObject({ account: "primary", name: "Operating" });
  expect(view.skipped.map((account) => account.account)).toEqual(["legacy-otc", "cold-storage"]);
  expect(view.accounts.find((account) => account.account === "primary")?.balances.find((balance) => balance.currency === "USD")).toMatchObject({
    amount: "12345678.91",
    pendingDeposit: "25000.00",
  });

  // Fresh enough: another view reads the store only, nothing from Gemini.
  const before = (await demoExchange(exchange.url).stats()).total;
  await stored();
  expect((await demoExchange(exchange.url).stats()).total).toBe(before);
});

test("while a refresh runs the view says which accounts are refreshing; a failed one keeps its last good figures and says so", async () => {
  test.setTimeout(90_000);
  const client = demoExchange(exchange.url);
  const before = await stored();
  const primaryBefore = before.accounts.find((account) => account.account === "primary")!;
  await client.setLatency(300);
  await client.injectFault({ kind: "invalid-account-name", path: "/v1/balances", times: 1 });
  const taking = fetch(`${app.url}/api/snapshots`, { method: "POST" });

  await expect.poll(async () => {
    const now = await stored();
    return now.refresh.running && now.refresh.read > 0 && now.accounts.some((account) => account.refreshing) && now.refresh.of === OPEN_ACCOUNTS;
  }, { timeout: 30_000 }).toBe(true);
  const midway = await stored();
  const primary = midway.accounts.find((account) => account.account === "primary")!;
  expect(primary.refreshError).toBe("InvalidAccountName");
  expect(primary.refreshing).toBe(false);
  expect(midway.accounts.filter((account) => account.refreshing).length).toBe(OPEN_ACCOUNTS - midway.refresh.read);

  const taken = await json<SnapshotTakenResponse>(await taking);
  expect(taken.snapshot).toMatchObject({ status: "partial", failedAccounts: ["primary"] });
  await client.setLatency(0);
  const after = await stored();
  expect(after.refresh.running).toBe(false);
  const primaryAfter = after.accounts.find((account) => account.account === "primary")!;
  expect(primaryAfter).toMatchObject({ refreshError: "InvalidAccountName", asOf: primaryBefore.asOf, balances: primaryBefore.balances, total: primaryBefore.total });
  const treasuryAfter = after.accounts.find((account) => account.account === "treasury")!;
  expect(Date.parse(treasuryAfter.asOf!)).toBeGreaterThan(Date.parse(primaryBefore.asOf!));
  expect(treasuryAfter.refreshError).toBeNull();
});
