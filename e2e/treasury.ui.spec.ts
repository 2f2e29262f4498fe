import { readFile } from "node:fs/promises";
import AxeBuilder from "@axe-core/playwright";
import Big from "big.js";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { parse } from "lossless-json";
import { demoExchange } from "../testkit/demo-exchange";
import { TREASURY } from "../testkit/e2e-servers";

const APP = TREASURY.app;
const EXCHANGE = demoExchange(TREASURY.exchange);
test.use({ baseURL: APP });

interface Notional {
  currency: string;
  amount: string;
  amountNotional: string;
}
interface Valuation {
  account: string;
  currency: string;
  total: string;
  values: Notional[];
  prices: Record<string, string> | null;
}
interface RawBalance {
  currency: string;
  amount: string;
  available: string;
  availableForWithdrawal: string;
  pendingDeposit?: string;
  pendingWithdrawal?: string;
}

/** Independent of the app's own formatting code: floor to cents with big.js, group by regex. */
const cents = (value: string) => new Big(value).round(2, Big.roundDown).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const exactSum = (values: string[]) => values.reduce((sum, value) => sum.plus(value), new Big(0));

async function valuation(request: APIRequestContext, account: string, currency = "usd"): Promise<Valuation> {
  const response = await request.get(`${APP}/api/valuation?account=${account}&currency=${currency}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Valuation;
}

async function readDownload(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await download.path();
  return { filename: download.suggestedFilename(), text: await readFile(path, "utf8") };
}

const table = (page: Page, caption: RegExp | string) => page.getByRole("table", { name: caption });

async function expectNoSeriousViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** The demo's staked primary account (lib/demo-exchange/data.ts), valued at the feed's USD prices (ETH 3400, SOL 180). */
const PRIMARY_STAKED: Record<string, [string, string]> = {
  ETH: ["40.250000000000000001", "136850.0000000000000034"],
  SOL: ["1200.123456789", "216022.22222202"],
};

test.describe("USD valuation of one account", () => {
  test("a Value (USD) column and a total equal to the exact sum of the exchange's values and the staked values", async ({ page }) => {
    await page.goto("/?account=primary");
    const balances = table(page, "Balances of Operating");
    await expect(balances.getByRole("columnheader", { name: /^Value \(USD\)/ })).toBeVisible();

    // The exchange's own notional strings, read with the demo account key (bound to primary).
    const upstream = parse(await EXCHANGE.signedText("/v1/notionalbalances/usd")) as Notional[];
    const btc = upstream.find((value) => value.currency === "BTC")!;
    const btcRow = balances.getByRole("row", { name: /BTC/ });
    const btcValue = btcRow.locator(`[data-exact="${btc.amountNotional}"]`);
    await expect(btcValue.locator("data")).toHaveText(cents(btc.amountNotional));
    await expect(btcValue).toHaveAttribute("title", `${btc.amountNotional} in USD`);

    const total = page.getByTestId("portfolio-total");
    const staked = exactSum(Object.values(PRIMARY_STAKED).map(([, value]) => value));
    const expected = exactSum(upstream.map((value) => value.amountNotional)).plus(staked);
    await expect(page.getByTestId("staked-total")).toHaveAttribute("data-exact", staked.toFixed());
    await expect(total).toHaveAttribute("data-exact", /\d/);
    expect(new Big((await total.getAttribute("data-exact"))!).eq(expected)).toBe(true);
    await expect(total).toContainText(cents(expected.toFixed()));
  });

  test("the valuation currency can be changed, and the choice stays in the address", async ({ page, request }) => {
    await page.goto("/?account=treasury");
    await page.getByLabel("Value in").selectOption("eur");
    await expect(page).toHaveURL(/valuation=eur/);
    await expect(page.getByRole("columnheader", { name: /^Value \(EUR\)/ })).toBeVisible();
    const eur = await valuation(request, "treasury", "eur");
    // Treasury stakes 640.5 ETH, valued at the feed's ETHEUR price and counted in the total.
    await expect(page.getByTestId("portfolio-total")).toHaveAttribute("title", /in EUR$/);
    const withStaked = new Big(eur.total).plus(new Big("640.5").times(eur.prices!.ETH!));
    expect(new Big((await page.getByTestId("portfolio-total").getAttribute("data-exact"))!).eq(withStaked)).toBe(true);
    await page.reload();
    await expect(page.getByLabel("Value in")).toHaveValue("eur");
  });
});

test.describe("allocation chart", () => {
  test("recharts is not in the dashboard's first-load JavaScript", async ({ request }) => {
    const html = await (await request.get(`${APP}/?account=primary`)).text();
    const scripts = [...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const body = await (await request.get(new URL(src, APP).toString())).text();
      expect(body, src).not.toContain("recharts-cartesian-axis");
    }
  });

  test("shows each currency's share of the value, with a table equivalent", async ({ page, request }) => {
    await page.goto("/?account=primary");
    // On the balances page the allocation waits, closed, below the table; opening it loads the chart.
    await page.getByText("Allocation by currency, Operating").click();
    const panel = page.locator("details", { hasText: "Allocation by currency, Operating" });
    await expect(panel.getByTestId("allocation-chart").locator("svg.recharts-surface")).toBeVisible();
    // Staked holdings are slices of their own ("ETH staked"), valued at the price feed.
    const staked = Object.entries(PRIMARY_STAKED).map(([currency, [, amountNotional]]) => ({ currency: `${currency} staked`, amountNotional }));
    const values = [...(await valuation(request, "primary")).values, ...staked].filter((value) => new Big(value.amountNotional).gt(0));
    const total = exactSum(values.map((value) => value.amountNotional));
    const rows = panel.getByRole("table", { name: /Allocation of Operating/ }).locator("tbody tr");
    await expect(rows).toHaveCount(values.length);
    await expect(rows.filter({ hasText: "ETH staked" })).toHaveCount(1);
    const biggest = values.reduce((a, b) => (new Big(a.amountNotional).gte(b.amountNotional) ? a : b));
    const share = new Big(biggest.amountNotional).times(100).div(total).round(1, Big.roundHalfUp).toFixed(1);
    await expect(rows.first()).toContainText(biggest.currency);
    await expect(rows.first()).toContainText(`${share}%`);
    await expect(panel.getByRole("img", { name: new RegExp(`${biggest.currency} ${share}%`) })).toBeVisible();
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`is legible in ${scheme} mode`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto("/?account=primary");
      await page.getByText("Allocation by currency, Operating").click();
      const chart = page.getByTestId("allocation-chart");
      await expect(chart.locator(".recharts-rectangle").first()).toBeVisible();
      const colours = await chart.evaluate((element) => {
        const luminance = (colour: string) => {
          const canvas = document.createElement("canvas").getContext("2d")!;
          canvas.fillStyle = colour;
          canvas.fillRect(0, 0, 1, 1);
          const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data;
          const channel = (value: number) => {
            const c = value / 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
          };
          return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
        };
        let background = "";
        for (let node: Element | null = element; node && !background; node = node.parentElement) {
          const colour = getComputedStyle(node).backgroundColor;
          if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") background = colour;
        }
        const text = getComputedStyle(element.querySelector(".recharts-cartesian-axis-tick-value")!).fill;
        const bar = getComputedStyle(element.querySelector(".recharts-rectangle")!).fill;
        const contrast = (a: string, b: string) => {
          const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
          return (hi! + 0.05) / (lo! + 0.05);
        };
        return { text: contrast(text, background), bar: contrast(bar, background) };
      });
      expect(colours.text).toBeGreaterThanOrEqual(4.5); // WCAG AA for text
      expect(colours.bar).toBeGreaterThanOrEqual(3); // WCAG AA for graphics
    });
  }
});

test.describe("CSV export", () => {
  test("downloads what is on screen with the exchange's exact strings", async ({ page }) => {
    await page.goto("/?account=primary&pending=1");
    await expect(page.getByRole("columnheader", { name: /^Value \(USD\)/ })).toBeVisible();
    const { filename, text } = await readDownload(page, () => page.getByRole("button", { name: "Export CSV" }).click());
    expect(filename).toMatch(/^gemini-balances-primary-\d{8}T\d{6}Z\.csv$/);

    const [header, ...rows] = text.trimEnd().split("\r\n");
    expect(header).toBe("account,currency,amount,available,availableForWithdrawal,pendingDeposit,pendingWithdrawal,valueUSD,staked,stakedValueUSD,_timestamp");
    const balances = parse(await EXCHANGE.signedText("/v1/balances", { showPendingBalances: true })) as RawBalance[];
    const values = parse(await EXCHANGE.signedText("/v1/notionalbalances/usd")) as Notional[];
    // Zero balances are hidden on screen (the default), so they are not exported either.
    const shown = balances.filter((balance) => !new Big(balance.amount).eq(0));
    expect(rows.map((row) => row.split(",")[1]).sort()).toEqual(shown.map((balance) => balance.currency).sort());
    for (const balance of shown) {
      const cells = rows.find((row) => row.split(",")[1] === balance.currency)!.split(",");
      expect(cells.slice(0, 8)).toEqual([
        "primary",
        balance.currency,
        balance.amount,
        balance.available,
        balance.availableForWithdrawal,
        balance.pendingDeposit,
        balance.pendingWithdrawal,
        values.find((value) => value.currency === balance.currency)!.amountNotional,
      ]);
      expect(cells.slice(8, 10)).toEqual(PRIMARY_STAKED[balance.currency] ?? ["0", ""]);
      expect(cells[10]).toMatch(/^\d{19}$/);
    }
    expect(text).toContain("42.1234567890123456789"); // 19 decimals, not the floored 42.12345678
  });
});

test.describe("all accounts", () => {
  test("shows a refresh's progress, then every open account's value and the exact group total", async ({ page, request }) => {
    // The view reads the store; a snapshot taken now (slowly, so its progress shows) refreshes it.
    await EXCHANGE.setLatency(400);
    try {
      const taking = request.post(`${APP}/api/snapshots`);
      await page.goto("/overview");
      await expect(page.getByTestId("overview-refresh")).toHaveText(/Refreshing accounts in the background: [0-2] of 3/);
      expect((await taking).status()).toBe(201);
      await expect(page.getByTestId("overview-refresh")).toContainText("Figures from the history store", { timeout: 20_000 });
    } finally {
      await EXCHANGE.setLatency(0);
    }
    const accounts = page.getByRole("table", { name: /Value of each open exchange account/ });
    const totals: string[] = [];
    const stakedTotals: string[] = [];
    for (const [account, name, staked] of [
      ["primary", "Operating", exactSum(Object.values(PRIMARY_STAKED).map(([, value]) => value)).toFixed()],
      ["treasury", "Treasury Reserve", new Big("640.5").times("3400").toFixed()],
      ["payroll", "Payroll", null],
    ] as const) {
      // An account's value is its exchange value plus its staked value (recorded with the snapshot).
      const total = exactSum([(await valuation(request, account)).total, staked ?? "0"]).toFixed();
      totals.push(total);
      if (staked !== null) stakedTotals.push(staked);
      const row = accounts.locator(`tr[data-account="${account}"]`);
      await expect(row).toContainText(name);
      const value = row.locator("td").first().locator("[data-exact]");
      await expect(value).toHaveAttribute("data-exact", /\d/);
      expect(new Big((await value.getAttribute("data-exact"))!).eq(total)).toBe(true);
      await expect(value).toHaveText(cents(total));
      const stakedCell = row.getByTestId("account-staked");
      if (staked === null) await expect(stakedCell).toHaveText("—"); // payroll stakes nothing
      else await expect(stakedCell.locator("[data-exact]")).toHaveAttribute("data-exact", staked);
    }
    await expect(page.getByTestId("group-staked-total")).toHaveAttribute("data-exact", exactSum(stakedTotals).toFixed());
    await expect(accounts.locator("tbody tr")).toHaveCount(3);
    await expect(page.getByText(/Not included: Legacy OTC Desk \(closed\); Cold Storage \(custody/)).toBeVisible();
    const groupTotal = page.getByTestId("portfolio-total");
    expect(new Big((await groupTotal.getAttribute("data-exact"))!).eq(exactSum(totals))).toBe(true);
    await expect(groupTotal).toContainText(cents(exactSum(totals).toFixed()));

    // The per-currency table sums the accounts exactly: BTC = primary + treasury + payroll.
    const btcAmounts = await Promise.all(
      ["primary", "treasury", "payroll"].map(async (account) => (await valuation(request, account)).values.find((value) => value.currency === "BTC")!.amount),
    );
    const consolidated = table(page, "Balances summed per currency across accounts");
    await expect(consolidated.getByRole("row", { name: /BTC/ }).locator(`[data-exact="${exactSum(btcAmounts).toFixed()}"]`).first()).toBeVisible();
    await expect(page.getByRole("region", { name: /Allocation by currency, all accounts/ }).getByTestId("allocation-chart")).toBeVisible();
  });

  test("loads the accounts one after another", async ({ page }) => {
    await page.goto("/overview?valuation=gbp"); // a currency no earlier test asked for: nothing cached
    await EXCHANGE.clearRequests();
    await page.reload();
    await expect(page.getByTestId("overview-progress")).toHaveCount(0, { timeout: 20_000 });
    const calls = (await EXCHANGE.appCalls()).filter((call) => call.path === "/v1/notionalbalances/gbp");
    expect(calls.map((call) => call.account)).toEqual(["primary", "treasury", "payroll"]);
  });

  test("drills into one account", async ({ page }) => {
    await page.goto("/overview");
    await page.getByRole("link", { name: "Treasury Reserve" }).click();
    await expect(page).toHaveURL(/\/\?account=treasury$/);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Treasury Reserve");
  });

  test("exports every account with exact values", async ({ page, request }) => {
    // From the store: a snapshot taken now holds what Gemini answers now (the balances do not drift).
    expect((await request.post(`${APP}/api/snapshots`)).status()).toBe(201);
    await page.goto("/overview?pending=1");
    await expect(page.getByTestId("overview-refresh")).toContainText("Figures from the history store", { timeout: 20_000 });
    const { filename, text } = await readDownload(page, () => page.getByRole("button", { name: "Export CSV" }).click());
    expect(filename).toMatch(/^gemini-balances-all-accounts-\d{8}T\d{6}Z\.csv$/);
    const rows = text.trimEnd().split("\r\n").slice(1).map((row) => row.split(","));
    for (const account of ["primary", "treasury", "payroll"]) {
      const api = (await (await request.get(`${APP}/api/balances?account=${account}&pending=true`)).json()) as { balances: RawBalance[] };
      // The store keeps each account's currencies A-Z.
      const mine = rows.filter((cells) => cells[0] === account);
      expect(mine.map((cells) => cells.slice(1, 7))).toEqual(
        [...api.balances].sort((a, b) => a.currency.localeCompare(b.currency)).map((balance) => [
          balance.currency,
          balance.amount,
          balance.available,
          balance.availableForWithdrawal,
          balance.pendingDeposit,
          balance.pendingWithdrawal,
        ]),
      );
    }
    expect(rows.some((cells) => cells[0] === "legacy-otc" || cells[0] === "cold-storage")).toBe(false);
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`no serious accessibility violations on the overview and the open allocation (${scheme})`, async ({ page }) => {
      // Two full page loads (the overview reads every account within the key's call budget) and two axe runs.
      test.slow();
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1280, height: 720 });
      await page.goto("/overview");
      await expect(page.getByTestId("overview-progress")).toHaveCount(0, { timeout: 20_000 });
      await expect(page.getByTestId("allocation-chart")).toBeVisible();
      await expectNoSeriousViolations(page);

      await page.goto("/?account=treasury");
      await page.getByText("Allocation by currency, Treasury Reserve").click();
      await expect(page.getByTestId("allocation-chart").locator(".recharts-rectangle").first()).toBeVisible();
      await expectNoSeriousViolations(page);
    });
  }
});
