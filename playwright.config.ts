import { defineConfig, devices } from "@playwright/test";
import { launchOptions, PHONE } from "./testkit/chromium";
import { DEMO, e2eWebServers } from "./testkit/e2e-servers";

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
    baseURL: DEMO.app,
    launchOptions,
    trace: "off",
  },
  projects: [
    { name: "api", testMatch: /.*\.api\.spec\.ts/ },
    { name: "chromium", testMatch: /.*\.ui\.spec\.ts/, use: { ...devices["Desktop Chrome"], launchOptions } },
    { name: "phone", testMatch: /.*\.phone\.spec\.ts/, use: PHONE },
  ],
  // Ports are free ones, chosen once per run (testkit/e2e-servers.ts).
  webServer: e2eWebServers(),
});
