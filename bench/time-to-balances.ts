/**
 * Time to balances: from navigation start to the first frame after the balances table (with at
 * least one row) is in the page, in Chromium, with the demo exchange answering every private call
 * after 100 ms and the balances cache off, so each navigation pays a real upstream call. Each
 * navigation gets a fresh browser context: a first visit, nothing cached.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { chromium } from "@playwright/test";
import { launchOptions } from "../testkit/chromium";
import { demoExchange } from "../testkit/demo-exchange";
import { startApp, startExchange, stopAll, type Running } from "../testkit/processes";
import { report, runBench } from "./support/report";
import { median, percentile, round } from "./support/stats";

const UPSTREAM_LATENCY_MS = 100;
const GOAL_ADDED_MS = 250;
const BALANCES_ROW = "table tbody tr";
/** Navigations this far apart: the key's call budget (5 a second) never makes one wait for a slot. */
const NAVIGATION_GAP_MS = 1_000;

const { values } = parseArgs({
  options: { smoke: { type: "boolean", default: false }, runs: { type: "string", default: "30" } },
  strict: true,
});
const RUNS = values.smoke ? 2 : Number(values.runs);
const WARMUP_RUNS = values.smoke ? 1 : 3;

/**
 * Runs in the page before any of its own scripts: notes the first frame after a balances row
 * exists. Plain text, because tsx rewrites functions (adding helpers) that would not exist in the page.
 */
const WATCH_FOR_BALANCES = `
  const observer = new MutationObserver(() => {
    if (window.__balancesSeen || !document.querySelector(${JSON.stringify(BALANCES_ROW)})) return;
    window.__balancesSeen = true;
    observer.disconnect();
    requestAnimationFrame(() => { window.__balancesVisibleAt = performance.now(); });
  });
  observer.observe(document, { childList: true, subtree: true });
`;

interface Navigation {
  visibleMs: number;
  firstContentfulPaintMs: number;
  responseStartMs: number;
  responseEndMs: number;
}

async function main(): Promise<void> {
  let exchange: Running | undefined;
  let app: Running | undefined;
  const browser = await chromium.launch(launchOptions);
  try {
    exchange = await startExchange();
    app = await startApp({ env: { DEMO_EXCHANGE_URL: exchange.url, BALANCES_CACHE_TTL_MS: "0" } });
    await demoExchange(exchange.url).setLatency(UPSTREAM_LATENCY_MS);

    const navigations: Navigation[] = [];
    for (let run = 0; run < WARMUP_RUNS + RUNS; run += 1) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(WATCH_FOR_BALANCES);
      await page.goto(`${app.url}/`);
      await page.locator(BALANCES_ROW).first().waitFor({ state: "visible" });
      await page.waitForFunction("window.__balancesVisibleAt !== undefined");
      const timing = await page.evaluate<Navigation>(`(() => {
        const entry = performance.getEntriesByType("navigation")[0];
        const paint = performance.getEntriesByName("first-contentful-paint")[0];
        return {
          visibleMs: window.__balancesVisibleAt,
          firstContentfulPaintMs: paint ? paint.startTime : NaN,
          responseStartMs: entry.responseStart,
          responseEndMs: entry.responseEnd,
        };
      })()`);
      if (run >= WARMUP_RUNS) navigations.push(timing);
      await context.close();
      await sleep(NAVIGATION_GAP_MS);
    }

    const visible = navigations.map((n) => n.visibleMs);
    report("time-to-balances", {
      settings: { runs: RUNS, upstreamLatencyMs: UPSTREAM_LATENCY_MS, cache: "off (BALANCES_CACHE_TTL_MS=0)", browser: launchOptions.executablePath ?? "playwright chromium" },
      visibleMedianMs: round(median(visible), 1),
      visibleP90Ms: round(percentile(visible, 90), 1),
      visibleMaxMs: round(Math.max(...visible), 1),
      firstContentfulPaintMedianMs: round(median(navigations.map((n) => n.firstContentfulPaintMs)), 1),
      firstByteMedianMs: round(median(navigations.map((n) => n.responseStartMs)), 1),
      htmlDoneMedianMs: round(median(navigations.map((n) => n.responseEndMs)), 1),
      goalMs: UPSTREAM_LATENCY_MS + GOAL_ADDED_MS,
    });
  } finally {
    await browser.close();
    await stopAll([app, exchange]);
  }
}

runBench(main);
