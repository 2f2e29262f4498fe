/**
 * Account scopes per connection over HTTP on the production build: two embedded demo groups, and a
 * user limited to one account of each (DASHBOARD_ACCOUNTS=connection/account). Each connection shows
 * that user only its own listed account, an account of the same name under the other connection is
 * refused (403, no upstream call), and the all-accounts view holds exactly the two.
 */
import { expect, test } from "@playwright/test";
import Big from "big.js";
import type { AccountsResponse } from "../lib/balances/types";
import type { StoredOverviewResponse } from "../lib/treasury/types";
import { startApp, stopAll, type Running } from "../testkit/processes";
import { sessionCookie, signInEnv, TEST_USER } from "../testkit/sign-in";

let app: Running;
let cookie: string;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  app = await startApp({
    env: {
      ...signInEnv,
      DEMO_CONNECTIONS: "us-entity,sg-entity",
      // Each group's seeded past, for history over both.
      DEMO_HISTORY: "on",
      DASHBOARD_ACCOUNTS: `${TEST_USER.username}:us-entity/payroll|sg-entity/sg-entity-treasury`,
    },
  });
  cookie = await sessionCookie(app.url);
});

test.afterAll(async () => {
  await stopAll([app]);
});

const get = (path: string) => fetch(`${app.url}${path}`, { headers: { cookie } });

test("each connection lists only the accounts the user's scope names for it", async () => {
  const us = (await (await get("/api/accounts?connection=us-entity")).json()) as AccountsResponse;
  const sg = (await (await get("/api/accounts?connection=sg-entity")).json()) as AccountsResponse;
  expect(us.accounts.map((account) => account.account)).toEqual(["payroll"]);
  expect(sg.accounts.map((account) => account.account)).toEqual(["sg-entity-treasury"]);
});

test("an account is allowed only under the connection the scope names it for", async () => {
  expect((await get("/api/balances?connection=sg-entity&account=sg-entity-treasury")).status).toBe(200);
  expect((await get("/api/balances?connection=us-entity&account=payroll")).status).toBe(200);
  for (const path of [
    "/api/balances?connection=us-entity&account=treasury",
    "/api/balances?connection=sg-entity&account=sg-entity-payroll",
    // Not the default connection's: the scope names it for sg-entity.
    "/api/balances?account=sg-entity-treasury",
    "/api/valuation?connection=us-entity&account=primary",
  ]) {
    const response = await get(path);
    expect(response.status, path).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("forbidden_account");
  }
});

test("the all-accounts view spans both connections and holds only the scope's two accounts", async () => {
  test.setTimeout(90_000);
  const stored = async () => {
    const body = (await (await get("/api/overview/stored")).json()) as StoredOverviewResponse;
    if (body.source !== "store") throw new Error(JSON.stringify(body));
    return body;
  };
  await stored();
  await expect
    .poll(async () => {
      const view = await stored();
      return view.refresh.running ? null : view.accounts.map((account) => `${account.connection}/${account.account}:${account.total !== null}`);
    }, { timeout: 60_000 })
    .toEqual(["us-entity/payroll:true", "sg-entity/sg-entity-treasury:true"]);
});

test("history over every connection sums only the scope's account of each", async () => {
  type Point = { at: string; totalUsd: string | null };
  const to = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000).toISOString();
  const range = `from=${encodeURIComponent(new Date(Date.parse(to) - 7 * 86_400_000).toISOString())}&to=${encodeURIComponent(to)}`;
  const read = async (query: string) => {
    const response = await get(`/api/history?${query}&${range}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return ((await response.json()) as { points: Point[] }).points;
  };
  const all = await read("connection=all");
  const us = new Map((await read("connection=us-entity&account=payroll")).map((point) => [point.at, point.totalUsd]));
  const sg = new Map((await read("connection=sg-entity&account=sg-entity-treasury")).map((point) => [point.at, point.totalUsd]));
  expect(all.length).toBeGreaterThan(3);
  // Equal to the scope's two accounts alone: any other account summed in would break it.
  for (const point of all) {
    expect(new Big(point.totalUsd!).eq(new Big(us.get(point.at) ?? "0").plus(sg.get(point.at) ?? "0")), point.at).toBe(true);
  }
});
