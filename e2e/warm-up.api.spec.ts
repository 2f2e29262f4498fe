/**
 * The server's warm-up at start, over real HTTP against the production build: with sign-in on and
 * the demo's seeded past in the store, it renders the all-accounts view for itself, calls no
 * exchange and leaves no audit row; its header opens nothing for anyone else.
 */
import { expect, test } from "@playwright/test";
import type { AuditPageJson } from "../lib/audit/types";
import { WARM_UP_HEADER, WARM_UP_ROUNDS } from "../lib/warm-up-pages";
import { demoExchange } from "../testkit/demo-exchange";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { sessionCookie, signInEnv } from "../testkit/sign-in";

let exchange: Running;
let app: Running;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  exchange = await startExchange(["--accounts", "20", "--no-drift"]);
  app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, DEMO_HISTORY: "on", ...signInEnv } });
});

test.afterAll(async () => {
  await stopAll([app, exchange]);
});

const page = (path: string, headers: Record<string, string> = {}) => fetch(`${app.url}${path}`, { headers, redirect: "manual" });

async function overviewReads(cookie: string): Promise<number> {
  const response = await fetch(`${app.url}/api/audit?event=overview_fetch`, { headers: { cookie } });
  expect(response.status, await response.clone().text()).toBe(200);
  return ((await response.json()) as AuditPageJson).events.length;
}

test("a started server renders the all-accounts view for itself, without a call to the exchange or an audit row", async () => {
  await expect.poll(() => app.output().includes('"event":"warm_up"'), { timeout: 60_000 }).toBe(true);
  const line = app.output().split("\n").find((text) => text.includes('"event":"warm_up"'))!;
  expect(JSON.parse(line)).toMatchObject({ pages: ["/overview"], renders: WARM_UP_ROUNDS, visitorFirst: false });
  expect(app.output()).not.toContain("warm_up_failed");
  expect(await demoExchange(exchange.url).appCalls()).toEqual([]);

  const cookie = await sessionCookie(app.url);
  expect(await overviewReads(cookie)).toBe(0);
  // A person's view of the same page is audited: the count above could have found one.
  const viewed = await page("/overview", { cookie });
  expect(viewed.status).toBe(200);
  await viewed.arrayBuffer();
  expect(await overviewReads(cookie)).toBe(1);
});

test("the warm-up header opens nothing once the warm-up is over, whatever it carries", async () => {
  for (const value of ["0".repeat(64), "", "warm-up"]) {
    const response = await page("/overview", { [WARM_UP_HEADER]: value });
    expect(response.status, value).toBe(307);
    expect(response.headers.get("location")).toMatch(/^\/login\?next=%2Foverview$/);
  }
});
