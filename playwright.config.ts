import { defineConfig, devices } from "@playwright/test";
import { launchOptions } from "./e2e/support/chromium";
import {
  accountKeyApp,
  appUrl,
  AUTH,
  DEMO,
  NO_ROLES_KEY,
  RAW_NUMBERS,
  serverPair,
  TRADER_KEY,
  TREASURY,
  UI,
  UI_ACCOUNT_KEY,
} from "./e2e/support/servers";

export default defineConfig({
  testDir: "e2e",
  // Faults are injected into shared demo exchanges: one worker keeps specs from seeing each other's.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".test-results/playwright.json" }]],
  use: {
    baseURL: appUrl(DEMO.app),
    launchOptions,
    trace: "off",
  },
  projects: [
    { name: "api", testMatch: /.*\.api\.spec\.ts/ },
    { name: "chromium", testMatch: /.*\.ui\.spec\.ts/, use: { ...devices["Desktop Chrome"], launchOptions } },
    // The narrowest phone the dashboard supports.
    {
      name: "phone",
      testMatch: /.*\.phone\.spec\.ts/,
      use: { ...devices["Pixel 5"], viewport: { width: 360, height: 780 }, launchOptions },
    },
  ],
  // Specs inject faults into the shared exchange and expect the very next read to meet them, so
  // its app runs without the balances cache (the cache has its own tests: e2e/multi-instance).
  webServer: [
    ...serverPair({ ...DEMO, env: { BALANCES_CACHE_TTL_MS: "0" } }),
    ...serverPair(RAW_NUMBERS),
    ...serverPair(AUTH),
    ...serverPair(UI),
    accountKeyApp(UI_ACCOUNT_KEY),
    ...serverPair(TREASURY),
    ...serverPair(TRADER_KEY),
    ...serverPair(NO_ROLES_KEY),
  ],
});
