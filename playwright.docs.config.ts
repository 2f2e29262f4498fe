/**
 * `npm run docs:screenshots`: only the README's pictures (e2e/*.docs.ts), against the production
 * build (`npm run build` first), with only the servers they show.
 */
import { defineConfig, devices } from "@playwright/test";
import { launchOptions, PHONE } from "./testkit/chromium";
import { treasuryWebServers, uiWebServers } from "./testkit/e2e-servers";

export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: { launchOptions, trace: "off" },
  projects: [
    { name: "docs", testMatch: /screenshots\.docs\.ts$/, use: { ...devices["Desktop Chrome"], launchOptions } },
    { name: "docs-phone", testMatch: /screenshots-phone\.docs\.ts$/, use: PHONE },
  ],
  webServer: [...uiWebServers(), ...treasuryWebServers()],
});
