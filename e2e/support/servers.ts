/**
 * The processes the e2e suite runs against. Each app instance gets its own demo exchange:
 * two processes sharing one key without shared nonce state would (rightly) be rejected.
 */
import { DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET, DEMO_MASTER_KEY, DEMO_MASTER_SECRET } from "../../lib/demo-exchange/credentials";

/** Lets several checkouts run the suite on one machine at once without port clashes. */
const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const port = (base: number) => base + PORT_OFFSET;

export const DEMO = { app: port(3100), exchange: port(4100) } as const;
/** A demo exchange that writes amounts as raw JSON numbers and ISO timestamps. */
export const RAW_NUMBERS = { app: port(3101), exchange: port(4101), exchangeArgs: "--number-style number --timestamp-style iso" } as const;
/** Treasury specs: balances that do not drift, so a CSV or total can be compared with a second read. */
export const TREASURY = { app: port(3600), exchange: port(4600), exchangeArgs: "--no-drift" } as const;
/** A key that can trade: the dashboard must warn. */
export const TRADER_KEY = { app: port(3601), exchange: port(4601), exchangeArgs: "--no-drift --roles trader" } as const;
/** A key with none of the balance roles. */
export const NO_ROLES_KEY = { app: port(3602), exchange: port(4602), exchangeArgs: "--no-drift --roles none" } as const;

/**
 * Sign-in for the e2e suite. The hash is cheaper than production's (N=2^14, p=1) to keep the suite
 * quick; both users have the same password. Made with scripts/hash-password.ts's format.
 */
export const TEST_USER = { username: "treasurer", password: "correct horse battery staple" } as const;
/** A second user for throttling tests, so locking it out never blocks the other specs. */
export const THROTTLED_USER = { username: "auditor", password: TEST_USER.password } as const;
const TEST_PASSWORD_HASH = "scrypt:N=16384:r=8:p=1:TEG7A5nj8JWvhHTYTHP2nA:ad_kgCHnOTrzHMMweFaWuv1wWaoBuJwXRxwcwOY3KB4";
export const TEST_SESSION_SECRET = "e2e-session-secret-7d1f0c9a4b2e8f3d6a5c-not-for-production";
export const signInEnv = {
  DASHBOARD_USERS: `${TEST_USER.username}:${TEST_PASSWORD_HASH},${THROTTLED_USER.username}:${TEST_PASSWORD_HASH}`,
  SESSION_SECRET: TEST_SESSION_SECRET,
} as const;

/** Demo mode with sign-in on, as behind a proxy (TRUST_PROXY): specs choose their client address with X-Forwarded-For. */
export const AUTH = { app: port(3105), exchange: port(4105), env: { ...signInEnv, TRUST_PROXY: "true" } } as const;
/** Live mode (GEMINI_API_KEY/SECRET) against its own demo exchange; started by the specs that need its logs. */
export const LIVE = { app: port(3106), exchange: port(4106) } as const;
/** Sign-in on, no cache, started by e2e/audit.api.spec.ts, which reads its audit lines. */
export const AUDIT = { app: port(3120), exchange: port(4120) } as const;
/** The same, for e2e/audit.ui.spec.ts (a browser on /overview). */
export const AUDIT_UI = { app: port(3121), exchange: port(4121) } as const;
/** Ports for app servers that are expected to refuse to start. */
export const FAIL_CLOSED = { app: port(3107), exchange: port(4107) } as const;

/** A live configuration pointed at a demo exchange: the real credential path, the demo master key. */
export function liveEnv(exchange: number) {
  return {
    GEMINI_API_KEY: DEMO_MASTER_KEY,
    GEMINI_API_SECRET: DEMO_MASTER_SECRET,
    GEMINI_API_URL: exchangeUrl(exchange),
  };
}

/**
 * The dashboard's browser suite: balances that do not drift (so figures can be checked against the
 * API and screenshots stay stable), no server cache and a short upstream timeout (fault specs).
 */
export const UI = {
  app: port(3700),
  exchange: port(4700),
  exchangeArgs: "--no-drift",
  env: { GEMINI_TIMEOUT_MS: "1500", BALANCES_CACHE_TTL_MS: "0", REFRESH_INTERVAL_MS: "5000" },
} as const;
/** An app on the UI exchange with the demo's account-scoped key, configured as for live Gemini. */
export const UI_ACCOUNT_KEY = { app: port(3701), exchange: UI.exchange } as const;

export const appUrl = (port: number) => `http://127.0.0.1:${port}`;
export const exchangeUrl = (port: number) => `http://127.0.0.1:${port}`;

export const demoCredentials = { apiKey: DEMO_MASTER_KEY, apiSecret: DEMO_MASTER_SECRET };

interface AppServer {
  app: number;
  exchange: number;
  exchangeArgs?: string;
  env?: Record<string, string>;
}

/** A demo exchange and a production (standalone) app pointed at it over real HTTP. */
export function serverPair({ app, exchange, exchangeArgs = "", env = {} }: AppServer) {
  return [
    {
      command: `npm run -s demo-exchange -- --port ${exchange} ${exchangeArgs}`.trim(),
      url: `${exchangeUrl(exchange)}/__demo/stats`,
      reuseExistingServer: false,
      stdout: "ignore" as const,
    },
    {
      command: "node .next/standalone/server.js",
      url: `${appUrl(app)}/api/health`,
      reuseExistingServer: false,
      stdout: "ignore" as const,
      env: { PORT: String(app), HOSTNAME: "127.0.0.1", DEMO_EXCHANGE_URL: exchangeUrl(exchange), ...env },
    },
  ];
}

/** Only the app, as a live deployment (sign-in on) with an account-scoped key, against an exchange started elsewhere. */
export function accountKeyApp({ app, exchange }: { app: number; exchange: number }) {
  return {
    command: "node .next/standalone/server.js",
    url: `${appUrl(app)}/api/health`,
    reuseExistingServer: false,
    stdout: "ignore" as const,
    env: {
      PORT: String(app),
      HOSTNAME: "127.0.0.1",
      GEMINI_API_KEY: DEMO_ACCOUNT_KEY,
      GEMINI_API_SECRET: DEMO_ACCOUNT_SECRET,
      GEMINI_API_URL: exchangeUrl(exchange),
      ...signInEnv, // live mode requires sign-in
    },
  };
}
