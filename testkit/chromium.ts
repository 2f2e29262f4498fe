import { existsSync } from "node:fs";
import { devices } from "@playwright/test";

// Debian's Chromium where it exists (CI and this machine); Playwright's own browser elsewhere.
const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** How every Chromium here is launched: the e2e suite and the browser benchmark alike. */
export const launchOptions = {
  executablePath: existsSync(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

/** The narrowest phone the dashboard supports. */
export const PHONE = { ...devices["Pixel 5"], viewport: { width: 360, height: 780 }, launchOptions };
