/**
 * The servers Playwright starts for the e2e suite (its webServer list), each app with its own demo
 * exchange: two processes sharing one key without shared nonce state would (rightly) be rejected.
 *
 * Ports are free ports, chosen once when playwright.config.ts first loads (in the runner's main
 * process) and handed to the workers, which load the config again, through E2E_SERVER_PORTS: every
 * process of one run agrees on them, and two runs on one machine never clash.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET } from "../lib/demo-exchange/credentials";
import { localUrl } from "./processes";
import { liveEnv, rolesEnv, signInEnv } from "./sign-in";
import { seedDataDir } from "./store-template";

const PORTS_VARIABLE = "E2E_SERVER_PORTS";
const SERVER_NAMES = ["demo", "rawNumbers", "auth", "ui", "uiAccountKey", "treasury", "traderKey", "noRolesKey", "roles"] as const;
type ServerName = (typeof SERVER_NAMES)[number];
type PortPlan = Record<ServerName, { app: number; exchange: number }>;

/** Listens on port 0 once per port wanted, all at the same time (so they differ), and prints the ports. */
const CHOOSE_PORTS = `
const net = require("node:net");
const servers = Array.from({ length: Number(process.argv[1]) }, () => net.createServer());
Promise.all(servers.map((server) => new Promise((resolve) => server.listen(0, "127.0.0.1", resolve)))).then(() => {
  process.stdout.write(JSON.stringify(servers.map((server) => server.address().port)));
  servers.forEach((server) => server.close());
});`;

function portPlan(): PortPlan {
  const chosen = process.env[PORTS_VARIABLE];
  if (chosen) return JSON.parse(chosen) as PortPlan;
  // The config is loaded synchronously, so the OS is asked in a child process.
  const ports = JSON.parse(execFileSync(process.execPath, ["-e", CHOOSE_PORTS, String(SERVER_NAMES.length * 2)], { encoding: "utf8" })) as number[];
  const plan = Object.fromEntries(SERVER_NAMES.map((name, index) => [name, { app: ports[2 * index]!, exchange: ports[2 * index + 1]! }])) as PortPlan;
  process.env[PORTS_VARIABLE] = JSON.stringify(plan);
  return plan;
}

const PORTS = portPlan();

const DATA_ROOT_VARIABLE = "E2E_DATA_ROOT";

/** One fresh folder per run for the apps' embedded stores: a port reused by a later run never meets old history. */
function dataRoot(): string {
  process.env[DATA_ROOT_VARIABLE] ??= fs.mkdtempSync(path.join(os.tmpdir(), "e2e-app-data-"));
  return process.env[DATA_ROOT_VARIABLE];
}

const DATA_ROOT = dataRoot();

export interface AppServer {
  /** The app's URL. */
  app: string;
  /** Its demo exchange's URL. */
  exchange: string;
}

const server = (name: ServerName): AppServer => ({ app: localUrl(PORTS[name].app), exchange: localUrl(PORTS[name].exchange) });

/** The default project's pair; runs without the balances cache (see playwright.config.ts). */
export const DEMO = server("demo");
/** A demo exchange that writes amounts as raw JSON numbers and ISO timestamps. */
export const RAW_NUMBERS = server("rawNumbers");
/** Treasury specs: balances that do not drift, so a CSV or total can be compared with a second read. */
export const TREASURY = server("treasury");
/** A key that can trade: the dashboard must warn. */
export const TRADER_KEY = server("traderKey");
/** A key with none of the balance roles. */
export const NO_ROLES_KEY = server("noRolesKey");
/** Sign-in with a user per role and users limited to some accounts (testkit/sign-in.ts ROLE_USERS); balances that do not drift. */
export const ROLES = server("roles");
/** Demo mode with sign-in on, as behind a proxy (TRUST_PROXY): specs choose their client address with X-Forwarded-For. */
export const AUTH = server("auth");
/**
 * The dashboard's browser suite: balances that do not drift (so figures can be checked against the
 * API and screenshots stay stable), no server cache and a short upstream timeout (fault specs).
 */
export const UI = server("ui");
/** An app on the UI exchange with the demo's account-scoped key, configured as for live Gemini. */
export const UI_ACCOUNT_KEY: AppServer = { app: localUrl(PORTS.uiAccountKey.app), exchange: UI.exchange };

interface PairOptions {
  exchangeArgs?: string;
  env?: Record<string, string>;
}

function exchangeServer(name: ServerName, exchangeArgs = "") {
  return {
    command: `npm run -s demo-exchange -- --port ${PORTS[name].exchange} ${exchangeArgs}`.trim(),
    url: `${localUrl(PORTS[name].exchange)}/__demo/health`,
    reuseExistingServer: false,
    stdout: "ignore" as const,
  };
}

function appServer(name: ServerName, env: Record<string, string>) {
  const dataDir = path.join(DATA_ROOT, name);
  // Every process of the run loads this config: the first fills the folder, the others find it there.
  if (!fs.existsSync(dataDir)) seedDataDir(dataDir);
  return {
    command: "node .next/standalone/server.js",
    url: `${localUrl(PORTS[name].app)}/api/health`,
    reuseExistingServer: false,
    stdout: "ignore" as const,
    // A history store of its own (in this run's folder, which every worker agrees on) and no schedule.
    env: { PORT: String(PORTS[name].app), HOSTNAME: "127.0.0.1", DATA_DIR: dataDir, SNAPSHOT_SCHEDULE: "off", ...env },
  };
}

/** A demo exchange and a production (standalone) app pointed at it over real HTTP. */
function serverPair(name: ServerName, { exchangeArgs, env = {} }: PairOptions = {}) {
  return [exchangeServer(name, exchangeArgs), appServer(name, { DEMO_EXCHANGE_URL: localUrl(PORTS[name].exchange), ...env })];
}

const UI_ENV = { GEMINI_TIMEOUT_MS: "1500", BALANCES_CACHE_TTL_MS: "0", REFRESH_INTERVAL_MS: "5000" };

/** Every server of the suite, for playwright.config.ts's webServer. */
export function e2eWebServers() {
  return [
    // Specs inject faults into the shared exchange and expect the very next read to meet them, so
    // its app runs without the balances cache (the cache has its own tests: e2e/multi-instance).
    ...serverPair("demo", { env: { BALANCES_CACHE_TTL_MS: "0" } }),
    ...serverPair("rawNumbers", { exchangeArgs: "--number-style number --timestamp-style iso" }),
    ...serverPair("auth", { env: { ...signInEnv, TRUST_PROXY: "true" } }),
    ...uiWebServers(),
    // Only the app, as a live deployment (sign-in on) with an account-scoped key, on the UI exchange.
    appServer("uiAccountKey", {
      ...liveEnv(UI.exchange),
      GEMINI_API_KEY: DEMO_ACCOUNT_KEY,
      GEMINI_API_SECRET: DEMO_ACCOUNT_SECRET,
      ...signInEnv, // live mode requires sign-in
    }),
    ...treasuryWebServers(),
    ...serverPair("traderKey", { exchangeArgs: "--no-drift --roles trader" }),
    ...serverPair("noRolesKey", { exchangeArgs: "--no-drift --roles none" }),
    ...serverPair("roles", { exchangeArgs: "--no-drift", env: { ...rolesEnv, TRUST_PROXY: "true" } }),
  ];
}

/** The UI pair alone (the docs screenshots need only it and the treasury pair). */
export const uiWebServers = () => serverPair("ui", { exchangeArgs: "--no-drift", env: UI_ENV });
export const treasuryWebServers = () => serverPair("treasury", { exchangeArgs: "--no-drift" });
