/**
 * The processes the e2e suite runs against. Each app instance gets its own demo exchange:
 * two processes sharing one key without shared nonce state would (rightly) be rejected.
 */
import { DEMO_MASTER_KEY, DEMO_MASTER_SECRET } from "../../lib/demo-exchange/credentials";

/** Lets several checkouts run the suite on one machine at once without port clashes. */
const PORT_OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
export const port = (base: number) => base + PORT_OFFSET;

export const DEMO = { app: port(3100), exchange: port(4100) } as const;
/** A demo exchange that writes amounts as raw JSON numbers and ISO timestamps. */
export const RAW_NUMBERS = { app: port(3101), exchange: port(4101), exchangeArgs: "--number-style number --timestamp-style iso" } as const;

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
