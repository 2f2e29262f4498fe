/**
 * The processes the e2e suite runs against. Each app instance gets its own demo exchange:
 * two processes sharing one key without shared nonce state would (rightly) be rejected.
 */
import { DEMO_MASTER_KEY, DEMO_MASTER_SECRET } from "../../lib/demo-exchange/credentials";

export const DEMO = { app: 3100, exchange: 4100 } as const;

export const appUrl = (port: number) => `http://127.0.0.1:${port}`;
export const exchangeUrl = (port: number) => `http://127.0.0.1:${port}`;

export const demoCredentials = { apiKey: DEMO_MASTER_KEY, apiSecret: DEMO_MASTER_SECRET };

interface AppServer {
  app: number;
  exchange: number;
  env?: Record<string, string>;
}

/** A demo exchange and a production (standalone) app pointed at it over real HTTP. */
export function serverPair({ app, exchange, env = {} }: AppServer) {
  return [
    {
      command: `npm run -s demo-exchange -- --port ${exchange}`,
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
