/**
 * Balance history in Chromium: the /history charts over the demo's seeded 90 days (its missing
 * day drawn as a gap), "Take snapshot now", the as-of view of / and /overview (stored figures,
 * not live ones, kept in the address), the statement page and its CSV's SHA-256, and history off.
 * This file starts its own exchanges and apps (each app's embedded store in a fresh DATA_DIR).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import Big from "big.js";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import type { BalanceRowJson, HistoryJson, SnapshotJson, StatementJson } from "../lib/snapshots/types";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";

type History = HistoryJson;
type Snapshot = SnapshotJson;
type Statement = StatementJson;
/** A balance as /api/balances and /api/statement both give it. */
type Row = Pick<BalanceRowJson, "currency" | "amount">;

const DAY_MS = 86_400_000;
const DAY_MS_HOUR = 3_600_000;

interface Apps {
  /** Demo mode, history on, in a DATA_DIR of its own (seeded with 90 days on first use). */
  history: Running;
  /** The same but with VERCEL=1 and no DATABASE_URL: history off. */
  off: Running;
}

let apps: Apps;

/** Store warm-up budget: PGlite's first initdb plus the demo seed, on two shared cores. */
const WARM_UP_MS = 240_000;

async function warmStore(url: string): Promise<void> {
  const deadline = Date.now() + WARM_UP_MS;
  for (;;) {
    const response = await fetch(`${url}/api/snapshots`, { signal: AbortSignal.timeout(WARM_UP_MS) }).catch(() => null);
    if (response?.ok) return;
    if (Date.now() > deadline) throw new Error(`the history store did not open: ${response?.status} ${await response?.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

const test = base.extend<object, { apps: Apps }>({
  apps: [
    async ({}, use) => {
      const exchange = await startExchange(["--no-drift"]);
      const offExchange = await startExchange(["--no-drift"]);
      // startApp gives each app a fresh DATA_DIR and no snapshot schedule.
      const common = { REFRESH_INTERVAL_MS: "5000", BALANCES_CACHE_TTL_MS: "0" };
      // Seeded with the demo's 90 days on first use (startApp's default is an empty store).
      const history = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, DEMO_HISTORY: "on", ...common } });
      const off = await startApp({ env: { DEMO_EXCHANGE_URL: offExchange.url, VERCEL: "1", ...common } });
      // The first use of an embedded store runs initdb and seeds 90 days: minutes on a busy machine. Done once, here.
      await warmStore(history.url);
      apps = { history, off };
      await use(apps);
      await stopAll([history, off, exchange, offExchange]);
    },
    { scope: "worker", timeout: 360_000 },
  ],
  baseURL: async ({ apps: started }, use) => use(started.history.url),
});

async function getJson<T>(request: APIRequestContext, url: string): Promise<T> {
  const response = await request.get(url);
  expect(response.status(), `${url}: ${await response.text()}`).toBe(200);
  return (await response.json()) as T;
}

async function expectAxeClean(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page, pathname: string): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth), pathname).toBeLessThanOrEqual(360);
}

/** Independent of the app's formatting: "2026-11-30 23:59" of an ISO time, UTC. */
const utcMinutes = (iso: string) => new Date(iso).toISOString().slice(0, 16).replace("T", " ");
const utcSeconds = (iso: string) => new Date(iso).toISOString().slice(0, 19).replace("T", " ");

/** A time `days` ago at a whole hour plus 30 minutes: between two seeded snapshots. */
function pastTime(days: number): string {
  const at = Math.floor((Date.now() - days * DAY_MS) / DAY_MS_HOUR) * DAY_MS_HOUR + 30 * 60_000;
  return new Date(at).toISOString().replace(".000Z", "Z");
}

/** The history answer the page asked for (the window is the browser's). */
function historyAnswer(page: Page, step: "day" | "hour") {
  return page.waitForResponse((response) => response.url().includes("/api/history?") && response.url().includes(`step=${step}`));
}

/** Buckets between the window's bounds, and how many of them hold a point. */
function bucketsOf(history: History): { buckets: number; withPoint: number } {
  const size = history.step === "hour" ? DAY_MS_HOUR : DAY_MS;
  const first = Math.floor(Date.parse(history.from) / size);
  const last = Math.floor(Date.parse(history.to) / size);
  const withPoint = new Set(history.points.map((point) => Math.floor(Date.parse(point.at) / size))).size;
  return { buckets: last - first + 1, withPoint };
}

test.describe("the history page", () => {
  test("draws the seeded demo history, its missing day as a gap, never bridged", async ({ page }) => {
    const answer = historyAnswer(page, "day");
    await page.goto("/history?range=90d");
    const history = (await (await answer).json()) as History;
    expect(history.points.length).toBeGreaterThan(80);

    const chart = page.getByTestId("history-total-chart");
    const totalLine = chart.locator(".recharts-line:not(.history-staked-line) path.recharts-line-curve");
    await expect(totalLine).toBeVisible();
    const { buckets, withPoint } = bucketsOf(history);
    await expect(chart).toHaveAttribute("data-buckets", String(buckets));
    await expect(chart).toHaveAttribute("data-points", String(history.points.filter((point) => point.totalUsd !== null).length));
    const gaps = buckets - withPoint;
    expect(gaps).toBeGreaterThan(0); // the seed leaves one UTC day out (41 days ago)
    await expect(page.getByTestId("history-gaps")).toHaveAttribute("data-gaps", String(gaps));

    // connectNulls off: the line is several pieces, each a new "M" (move) in the SVG path.
    const d = (await totalLine.getAttribute("d")) ?? "";
    expect(d.match(/M/g)?.length ?? 0).toBeGreaterThan(1);

    // The table equivalent lists every bucket, the missing ones as "No snapshot".
    await page.getByText("The figures as a table").click();
    const table = page.getByTestId("history-table");
    await expect(table.locator("tbody tr")).toHaveCount(buckets);
    await expect(table.locator("tbody tr[data-gap]")).toHaveCount(gaps);
    const missing = new Date(Date.now() - 41 * DAY_MS).toISOString().slice(0, 10);
    await expect(table.getByRole("row", { name: new RegExp(`^${missing}`) })).toContainText("No snapshot");
    // A figure is the stored sum, floored to cents.
    const newest = history.points.at(-1)!;
    const newestRow = table.locator("tbody tr").first();
    await expect(newestRow.locator(`[data-exact="${newest.totalUsd}"]`)).toBeVisible();
    // The demo's past stakes: the staked part of the total stands in a column of its own.
    expect(newest.stakingRecorded).toBe(true);
    await expect(newestRow.locator(`[data-exact="${newest.stakedUsd}"]`)).toBeVisible();
    // ...and in the chart, a dashed line of its own under the total.
    await expect(chart.locator(".history-staked-line path.recharts-line-curve")).toHaveAttribute("stroke-dasharray", "5 4");
    await expect(chart).toHaveAttribute("data-staked-points", String(history.points.filter((point) => point.stakedUsd !== null && Number(point.stakedUsd) > 0).length));

    // The per-currency chart draws the amounts of one currency at a time.
    await expect(page.getByTestId("history-currency-chart").locator("path.recharts-line-curve")).toBeVisible();
  });

  test("the range buttons change the window, the step and the address", async ({ page }) => {
    await page.goto("/history");
    await expect(page.getByRole("button", { name: "30 days" })).toHaveAttribute("aria-pressed", "true");
    const hourly = historyAnswer(page, "hour");
    await page.getByRole("button", { name: "7 days" }).click();
    const week = (await (await hourly).json()) as History;
    await expect(page).toHaveURL(/range=7d/);
    await expect(page.getByRole("button", { name: "7 days" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("history-total-chart")).toHaveAttribute("data-buckets", String(bucketsOf(week).buckets));
    expect(bucketsOf(week).buckets).toBe(7 * 24 + 1);

    const yearly = historyAnswer(page, "day");
    await page.getByRole("button", { name: "1 year" }).click();
    const year = (await (await yearly).json()) as History;
    await expect(page).toHaveURL(/range=1y/);
    // Before the seed's first day the year is all gap.
    const { buckets, withPoint } = bucketsOf(year);
    await expect(page.getByTestId("history-gaps")).toHaveAttribute("data-gaps", String(buckets - withPoint));
    expect(buckets - withPoint).toBeGreaterThan(250);

    await page.reload();
    await expect(page.getByRole("button", { name: "1 year" })).toHaveAttribute("aria-pressed", "true");
  });

  test("one account's history asks for that account", async ({ page }) => {
    await page.goto("/history");
    await expect(page.getByTestId("history-total-chart")).toBeVisible();
    const answer = page.waitForResponse((response) => response.url().includes("/api/history?") && response.url().includes("account=primary"));
    await page.getByLabel("Account").selectOption("primary");
    expect((await answer).status()).toBe(200);
    await expect(page).toHaveURL(/account=primary/);
  });

  test("lists the snapshots newest first, the partial one marked with the account that failed", async ({ page, request }) => {
    const { snapshots } = await getJson<{ snapshots: Snapshot[] }>(request, "/api/snapshots");
    await page.goto("/history");
    const list = page.getByTestId("snapshot-list");
    await expect(list.locator("tbody tr").first()).toContainText(utcSeconds(snapshots[0]!.takenAt));
    await page.getByRole("button", { name: /Show all \d+ snapshots/ }).click();
    await expect(list.locator("tbody tr")).toHaveCount(snapshots.length);
    const partial = snapshots.filter((snapshot) => snapshot.status === "partial");
    expect(partial.length).toBeGreaterThan(0);
    await expect(list.locator('tr[data-status="partial"]')).toHaveCount(partial.length);
    await expect(list.locator('tr[data-status="partial"]').first()).toContainText(`Partial: ${partial[0]!.failedAccounts.join(", ")} not read`);
  });

  test("Take snapshot now adds a row at the top", async ({ page, request }) => {
    await page.goto("/history");
    const list = page.getByTestId("snapshot-list");
    await expect(list.locator("tbody tr").first()).toBeVisible();
    const before = (await getJson<{ snapshots: Snapshot[] }>(request, "/api/snapshots")).snapshots;
    const taken = page.waitForResponse((response) => response.url().endsWith("/api/snapshots") && response.request().method() === "POST");
    await page.getByRole("button", { name: "Take snapshot now" }).click();
    const created = (await (await taken).json()) as { snapshot: Snapshot };
    expect((await taken).status()).toBe(201);
    await expect(page.getByTestId("take-snapshot-status")).toContainText(`Snapshot taken at ${utcSeconds(created.snapshot.takenAt)} UTC`);
    await expect(list.locator("tbody tr").first()).toHaveAttribute("data-snapshot-id", String(created.snapshot.id));
    // New at the top (retention may thin the oldest at the same time, so the count is not the test).
    const after = (await getJson<{ snapshots: Snapshot[] }>(request, "/api/snapshots")).snapshots;
    expect(after[0]!.id).toBe(created.snapshot.id);
    expect(before.map((snapshot) => snapshot.id)).not.toContain(created.snapshot.id);
  });
});

test.describe("as of a past time", () => {
  test("the dashboard shows the stored figures, not live ones, with a banner; the address keeps it", async ({ page, request }) => {
    const at = pastTime(10);
    const stored = await getJson<Statement>(request, `/api/statement?at=${encodeURIComponent(at)}&account=primary`);
    const live = await getJson<{ balances: Row[] }>(request, "/api/balances?account=primary");
    // The seed's walk moved since: at least one amount differs, so stored and live can be told apart.
    const differs = stored.balances.filter((row) => live.balances.find((balance) => balance.currency === row.currency)?.amount !== row.amount);
    expect(differs.length).toBeGreaterThan(0);

    await page.goto("/?account=primary");
    await expect(page.getByRole("table")).toBeVisible();
    await page.getByLabel("As of (UTC)").fill(at.slice(0, 16));
    await page.getByRole("button", { name: "Show", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`at=${encodeURIComponent(at).replace(/%3A/g, "(%3A|:)")}`));

    const banner = page.getByTestId("as-of-banner");
    const takenTime = utcSeconds(stored.snapshot.takenAt);
    const sameDay = at.slice(0, 10) === stored.snapshot.takenAt.slice(0, 10);
    await expect(banner).toContainText(`As of ${utcMinutes(at)} UTC, snapshot taken ${sameDay ? takenTime.slice(11) : `${takenTime} UTC`}`);

    const expectStored = async () => {
      const table = page.getByRole("table", { name: /Balances of .* as of/ });
      await expect(table.locator("tbody tr")).toHaveCount(stored.balances.length);
      for (const row of stored.balances) {
        const cells = table.getByRole("row", { name: new RegExp(`^${row.currency}\\b`) });
        await expect(cells.locator(`[data-exact="${row.amount}"]`).first()).toBeVisible();
      }
      await expect(page.getByTestId("portfolio-total")).toHaveAttribute("data-exact", stored.totalUsd!);
    };
    await expectStored();

    // Live polling stops: no balances read while the past is shown (the app polls every 5 s).
    let polled = 0;
    page.on("request", (req) => {
      if (req.url().includes("/api/balances")) polled += 1;
    });
    await page.waitForTimeout(7_000);
    expect(polled).toBe(0);

    await page.reload();
    await expect(banner).toBeVisible();
    await expectStored();
    expect(polled).toBe(0);

    await page.getByRole("button", { name: "Back to live" }).first().click();
    await expect(banner).toHaveCount(0);
    await expect(page).not.toHaveURL(/at=/);
    await expect(page.getByRole("table", { name: "Balances of Operating" })).toBeVisible();
  });

  test("the overview shows the group's stored totals", async ({ page, request }) => {
    const at = pastTime(5);
    const stored = await getJson<Statement>(request, `/api/statement?at=${encodeURIComponent(at)}`);
    await page.goto(`/overview?at=${encodeURIComponent(at)}`);
    await expect(page.getByTestId("as-of-banner")).toBeVisible();
    const totals = page.getByRole("table", { name: /Balances of all accounts as of/ });
    await expect(totals.locator("tbody tr")).toHaveCount(Object.keys(stored.totals).length);
    for (const [currency, total] of Object.entries(stored.totals)) {
      const cells = totals.getByRole("row", { name: new RegExp(`^${currency}\\b`) }).locator("td");
      await expect(cells.nth(0)).toHaveAttribute("data-exact", total.amount);
      if (total.valueUsd !== null) await expect(cells.nth(1)).toHaveAttribute("data-exact", total.valueUsd);
    }
    await expect(page.getByTestId("portfolio-total")).toHaveAttribute("data-exact", stored.totalUsd!);
  });

  test("a time before the first snapshot says so", async ({ page }) => {
    await page.goto("/?account=primary&at=2001-01-01T00:00:00Z");
    await expect(page.locator('[data-error-code="no_snapshot"]')).toContainText("No snapshot was taken at or before that time.");
  });
});

test.describe("change since 24 h", () => {
  test("each balance's and the total's change against the snapshot a day earlier, exact and floored", async ({ page, request }) => {
    const asked = page.waitForRequest((req) => req.url().includes("/api/statement?") && req.url().includes("account=primary"));
    await page.goto("/?account=primary");
    const at = new URL((await asked).url()).searchParams.get("at")!;
    expect(Date.now() - Date.parse(at)).toBeGreaterThan(DAY_MS - 120_000);
    const past = await getJson<Statement>(request, `/api/statement?at=${encodeURIComponent(at)}&account=primary`);
    const live = await getJson<{ balances: Row[] }>(request, "/api/balances?account=primary");

    await expect(page.getByRole("columnheader", { name: /Change \(24 h\)/ })).toBeVisible();
    for (const balance of live.balances.filter((row) => !new Big(row.amount).eq(0))) {
      const then = past.balances.find((row) => row.currency === balance.currency)?.amount ?? "0";
      const change = new Big(balance.amount).minus(then).toFixed();
      const row = page.getByRole("table").getByRole("row", { name: new RegExp(`^${balance.currency}\\b`) });
      await expect(row.locator("td").last()).toHaveAttribute("data-exact", change);
    }
    const valuation = await getJson<{ total: string; prices: Record<string, string> }>(request, "/api/valuation?account=primary&currency=usd");
    // Like with like: the total shown counts the staked value when the past snapshot recorded staking.
    const staking = (await getJson<{ staking: { state: string; balances?: { currency: string; balance: string }[] } }>(request, "/api/balances?account=primary")).staking;
    const stakedNow = (staking.balances ?? []).reduce((sum, row) => sum.plus(new Big(row.balance).times(valuation.prices[row.currency]!)), new Big(0));
    const liveTotal = past.stakingRecorded ? new Big(valuation.total).plus(stakedNow) : new Big(valuation.total);
    const totalChange = liveTotal.minus(past.totalUsd!);
    await expect(page.getByTestId("total-change")).toHaveAttribute("data-exact", totalChange.toFixed());
    const sign = totalChange.gt(0) ? "+" : totalChange.lt(0) ? "\u2212" : "";
    const floored = totalChange.abs().round(2, totalChange.lt(0) ? Big.roundUp : Big.roundDown).toFixed(2);
    await expect(page.getByTestId("total-change")).toContainText(`${sign}${floored.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}`);
  });
});

test.describe("the statement page", () => {
  test("lists exactly what the snapshot holds, and its SHA-256 is the downloaded CSV's", async ({ page, request }) => {
    const at = pastTime(3);
    const stored = await getJson<Statement>(request, `/api/statement?at=${encodeURIComponent(at)}`);
    await page.goto(`/statement?at=${encodeURIComponent(at)}`);
    await expect(page.getByTestId("statement-facts")).toContainText(utcSeconds(stored.snapshot.takenAt));

    for (const account of stored.accounts) {
      const section = page.locator(`section[data-account="${account.account}"]`);
      const rows = stored.balances.filter((row) => row.account === account.account);
      const exchange = section.getByRole("table", { name: `Balances of account ${account.account}`, exact: true });
      await expect(exchange.locator("tbody tr")).toHaveCount(rows.length);
      // Staked rows apart, marked as staked, digit for digit.
      const staked = stored.staked.filter((row) => row.account === account.account);
      for (const row of staked) {
        const cells = section.getByTestId("statement-staked").locator(`tr[data-currency="${row.currency}"][data-staked] td[data-exact]`);
        expect(await cells.evaluateAll((tds) => tds.map((td) => td.getAttribute("data-exact")))).toEqual([row.balance, row.valueUsd]);
      }
      for (const row of rows) {
        const cells = exchange.locator(`tr[data-currency="${row.currency}"] td[data-exact]`);
        const expected = [row.amount, row.available, row.availableForWithdrawal, row.pendingDeposit, row.pendingWithdrawal, row.valueUsd].filter(
          (value): value is string => value !== null,
        );
        await expect(cells).toHaveCount(expected.length);
        expect(await cells.evaluateAll((tds) => tds.map((td) => td.getAttribute("data-exact")))).toEqual(expected);
      }
    }
    const totals = page.getByTestId("statement-totals");
    await expect(totals.locator("tbody tr")).toHaveCount(Object.keys(stored.totals).length);

    const sha = page.getByTestId("statement-sha256");
    await expect(sha).toHaveText(/^[0-9a-f]{64}$/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download CSV" }).click()]);
    const bytes = await readFile((await download.path())!);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(await sha.textContent());
    const csv = bytes.toString("utf8");
    for (const row of stored.balances) expect(csv).toContain(`${row.account},${row.currency},${row.amount},`);
    for (const row of stored.staked) expect(csv).toContain(`\r\n${row.account},${row.currency},${row.balance},,,,,${row.valueUsd},`);
    expect(stored.staked.length).toBeGreaterThan(0); // the demo's past stakes
    await expect(page.getByTestId("statement-staked-totals").locator("tbody tr")).toHaveCount(Object.keys(stored.stakedTotals).length);
  });

  test("prints without navigation or controls", async ({ page }) => {
    await page.goto(`/statement?at=${encodeURIComponent(pastTime(3))}`);
    await expect(page.getByTestId("statement-sha256")).toHaveText(/^[0-9a-f]{64}$/);
    await expect(page.getByRole("button", { name: "Print / Save as PDF" })).toBeVisible();
    await page.emulateMedia({ media: "print" });
    await expect(page.getByRole("banner")).toBeHidden();
    await expect(page.getByRole("button", { name: "Print / Save as PDF" })).toBeHidden();
    await expect(page.getByRole("link", { name: "Download CSV" })).toBeHidden();
    await expect(page.getByLabel("As of (UTC)")).toBeHidden();
    await expect(page.getByTestId("statement-totals")).toBeVisible();
  });
});

test.describe("history off", () => {
  test("/history and /statement say why in one sentence; the dashboard works as before", async ({ page }) => {
    const reason = "History is off: on Vercel it needs a PostgreSQL server, so set DATABASE_URL.";
    for (const pathname of ["/history", "/statement?at=2026-11-30T23:59:00Z"]) {
      await page.goto(`${apps.off.url}${pathname}`);
      await expect(page.getByTestId("history-off")).toHaveText(reason);
    }
    await page.goto(`${apps.off.url}/?account=primary`);
    await expect(page.getByRole("table", { name: "Balances of Operating" })).toBeVisible();
    await expect(page.getByRole("columnheader", { name: /Change \(24 h\)/ })).toHaveCount(0);
    await expect(page.locator("[data-error-code]")).toHaveCount(0);
  });
});

test.describe("accessibility and small screens", () => {
  const pages = () => ["/history?range=90d", `/statement?at=${encodeURIComponent(pastTime(3))}`, `/?account=primary&at=${encodeURIComponent(pastTime(10))}`, `/overview?at=${encodeURIComponent(pastTime(10))}`];
  const ready = async (page: Page, pathname: string) => {
    if (pathname.startsWith("/history")) await expect(page.getByTestId("history-total-chart").locator("path.recharts-line-curve").first()).toBeVisible();
    else if (pathname.startsWith("/statement")) await expect(page.getByTestId("statement-sha256")).toHaveText(/^[0-9a-f]{64}$/);
    else await expect(page.getByTestId("portfolio-total")).toBeVisible();
  };

  for (const colorScheme of ["light", "dark"] as const) {
    test(`no serious or critical axe violations (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      for (const pathname of pages()) {
        await page.goto(pathname);
        await ready(page, pathname);
        await expectAxeClean(page);
      }
    });
  }

  test("nothing scrolls sideways at 360 px", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    for (const pathname of pages()) {
      await page.goto(pathname);
      await ready(page, pathname);
      await expectNoSidewaysScroll(page, pathname);
    }
  });
});
