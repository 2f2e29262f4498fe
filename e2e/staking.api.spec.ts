/**
 * Staking over real HTTP against the production build and its own demo exchange (cache off, so
 * every read goes upstream): staked rows exact and apart from the exchange figures, an account
 * that stakes nothing, and a staking fault kept to its own column.
 */
import Big from "big.js";
import { expect, test } from "@playwright/test";
import type { BalancesResponse } from "../lib/balances/types";
import { createHash } from "node:crypto";
import type { SnapshotDetailResponse, SnapshotTakenResponse, StatementJson } from "../lib/snapshots/types";
import type { OverviewResponse, StoredOverviewResponse, ValuationResponse } from "../lib/treasury/types";
import { demoExchange, type DemoExchangeClient } from "../testkit/demo-exchange";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";

const STAKING_PATH = "/v1/balances/staking";

let exchangeProcess: Running;
let exchange: DemoExchangeClient;
let app: Running;

async function get<T>(path: string): Promise<T> {
  const response = await fetch(`${app.url}${path}`);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

const balances = (account: string) => get<BalancesResponse>(`/api/balances?account=${account}&pending=false`);

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  exchangeProcess = await startExchange(["--no-drift"]);
  exchange = demoExchange(exchangeProcess.url);
  app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, BALANCES_CACHE_TTL_MS: "0" } });
});

test.afterAll(async () => {
  await stopAll([app, exchangeProcess]);
});

test.beforeEach(async () => {
  await exchange.clearFaults();
});

test("staked balances come beside the exchange balances, digit for digit, with their providers", async () => {
  const body = await balances("primary");
  expect(body.staking.state).toBe("staked");
  const eth = body.staking.state === "staked" ? body.staking.balances.find((row) => row.currency === "ETH") : undefined;
  expect(eth).toEqual({
    currency: "ETH",
    balance: "40.250000000000000001",
    available: "40.250000000000000001",
    availableForWithdrawal: "8.25",
    providers: [
      { provider: "62b21e17-2534-4b9f-afcf-b7edb609dd8d", balance: "32.000000000000000001" },
      { provider: "9a3c4d1e-5f60-4b7a-8c9d-0e1f2a3b4c5d", balance: "8.25" },
    ],
  });
  // Never summed in: the exchange's ETH figures are the seed's own.
  expect(body.balances.find((balance) => balance.currency === "ETH")).toMatchObject({ amount: "318.75", available: "318.75", availableForWithdrawal: "318.75" });
});

test("an account that stakes nothing has staking with no rows", async () => {
  expect((await balances("payroll")).staking).toEqual({ state: "staked", balances: [] });
});

for (const [kind, reason] of [
  ["missing-role", "not_permitted"],
  ["not-found-empty", "not_permitted"],
  ["maintenance", "unavailable"],
  ["invalid-shape", "unavailable"],
] as const) {
  test(`a ${kind} fault on the staking call is that account's "no staking" (${reason}); balances, value and CSV still answer`, async () => {
    await exchange.injectFault({ kind, path: STAKING_PATH });
    const body = await balances("primary");
    expect(body.staking).toEqual({ state: "none", reason });
    expect(body.balances.find((balance) => balance.currency === "BTC")?.amount).toBe("42.1234567890123456789");
    await get<ValuationResponse>("/api/valuation?account=primary&currency=usd");
    const csv = await (await fetch(`${app.url}/api/balances.csv?account=primary&currency=usd`)).text();
    expect(csv.split("\r\n")[0]).toBe("account,currency,amount,available,availableForWithdrawal,valueUSD,staked,stakedValueUSD,_timestamp");
    expect(csv).toMatch(/\r\nprimary,ETH,318\.75,318\.75,318\.75,[\d.]+,no staking,,\d+\r\n/);
    await exchange.clearFaults();
    expect((await balances("primary")).staking.state).toBe("staked");
  });
}

test("valuation carries the feed's prices, and the CSV values staked amounts at them", async () => {
  const valuation = await get<ValuationResponse>("/api/valuation?account=primary&currency=usd");
  expect(valuation.prices?.ETH).toBe("3400");
  const csv = await (await fetch(`${app.url}/api/balances.csv?account=primary&currency=usd`)).text();
  expect(csv).toMatch(/\r\nprimary,SOL,[\d.]+,[\d.]+,[\d.]+,[\d.]+,1200\.123456789,216022\.22222202,\d+\r\n/);
});

test("the all-accounts overview counts each account's staking apart; a staking error is that account's 'no staking' alone", async () => {
  // One failed staking call: the first account read (primary); the others answer as usual.
  await exchange.injectFault({ kind: "invalid-shape", path: STAKING_PATH, times: 1 });
  const faulted = await get<OverviewResponse>("/api/overview?currency=usd");
  const byAccount = (body: OverviewResponse, account: string) => body.accounts.find((entry) => entry.account === account)!;
  expect(byAccount(faulted, "primary").staking).toEqual({ state: "none", reason: "unavailable" });
  expect(byAccount(faulted, "primary").stakedTotal).toBe("0");
  expect(byAccount(faulted, "treasury").staking).toEqual({ state: "staked", balances: [{ currency: "ETH", balance: "640.5", value: "2177700" }] });
  expect(byAccount(faulted, "payroll").staking).toEqual({ state: "staked", balances: [] });
  expect(faulted.stakedTotal).toBe("2177700");

  const whole = await get<OverviewResponse>("/api/overview?currency=usd");
  expect(byAccount(whole, "primary").staking).toEqual({
    state: "staked",
    balances: [
      { currency: "ETH", balance: "40.250000000000000001", value: "136850.0000000000000034" },
      { currency: "SOL", balance: "1200.123456789", value: "216022.22222202" },
    ],
  });
  expect(whole.consolidated.find((row) => row.currency === "ETH")).toMatchObject({ staked: "680.750000000000000001", stakedValue: "2314550.0000000000000034" });
  // Never summed into the exchange figures.
  expect(whole.consolidated.find((row) => row.currency === "ETH")?.available).toBe(faulted.consolidated.find((row) => row.currency === "ETH")?.available);
});

test("a snapshot records each account's staking apart; a staking error is that account's 'no staking', never a failed account; the statement and its CSV carry it", async () => {
  await exchange.injectFault({ kind: "invalid-shape", path: STAKING_PATH, times: 1 });
  const taken = await fetch(`${app.url}/api/snapshots`, { method: "POST" });
  expect(taken.status).toBe(201);
  const { snapshot } = (await taken.json()) as SnapshotTakenResponse;
  expect(snapshot).toMatchObject({ status: "complete", failedAccounts: [] });

  const detail = await get<SnapshotDetailResponse>(`/api/snapshots/${snapshot.id}`);
  expect(detail.accounts.map((outcome) => [outcome.account, outcome.status, outcome.staking])).toEqual([
    ["payroll", "ok", "staked"],
    ["primary", "ok", "unavailable"],
    ["treasury", "ok", "staked"],
  ]);
  expect(detail.staked).toEqual([{ account: "treasury", currency: "ETH", balance: "640.5", valueUsd: "2177700" }]);

  const stored = await get<StoredOverviewResponse>("/api/overview/stored");
  if (stored.source !== "store") throw new Error("expected the store");
  const byAccount = new Map(stored.accounts.map((entry) => [entry.account, entry]));
  expect(byAccount.get("primary")?.staking).toEqual({ state: "none", reason: "unavailable" });
  expect(byAccount.get("treasury")?.staking).toEqual({ state: "staked", balances: [{ currency: "ETH", balance: "640.5", value: "2177700" }] });

  const at = snapshot.takenAt;
  const statement = await get<StatementJson>(`/api/statement?at=${encodeURIComponent(at)}`);
  expect(statement.stakingRecorded).toBe(true);
  expect(statement.stakedTotals).toEqual({ ETH: { amount: "640.5", valueUsd: "2177700" } });
  expect(statement.stakedUsd).toBe("2177700");
  const exchangeUsd = Object.values(statement.totals).reduce((sum, total) => sum.plus(total.valueUsd ?? "0"), new Big(0));
  expect(new Big(statement.totalUsd!).eq(exchangeUsd.plus("2177700"))).toBe(true);

  const csv = await fetch(`${app.url}/api/statement.csv?at=${encodeURIComponent(at)}`);
  const bytes = Buffer.from(await csv.arrayBuffer());
  expect(csv.headers.get("x-content-sha256")).toBe(createHash("sha256").update(bytes).digest("hex"));
  const text = bytes.toString("utf8");
  expect(text.split("\r\n")[0]).toMatch(/,status,error,holding$/);
  expect(text).toContain(`\r\ntreasury,ETH,640.5,,,,,2177700,${at},,ok,,staked\r\n`);
  expect(text).toContain("\r\nprimary,,,,,,,,,,no_staking,unavailable,staked\r\n");
});
