import "server-only";
import { getConfig, type AppConfig } from "@/lib/config";
import { isMasterKey } from "@/lib/config/master-key";
import { DEMO_MASTER_KEY, DEMO_MASTER_SECRET } from "@/lib/demo-exchange/credentials";

export interface ExchangeKey {
  readonly apiKey: string;
  readonly apiSecret: string;
  /** A master key reaches every account of its group; an account key only its own. */
  readonly master: boolean;
}

/**
 * The key this server signs with: live mode's from the environment, demo mode's the demo
 * exchange's public master key. Kept apart from runtime.ts so startup can log it without
 * building the runtime (and connecting to Redis).
 */
export function exchangeKey({ exchange }: AppConfig): ExchangeKey {
  const { apiKey, apiSecret } = exchange.credentials ?? { apiKey: DEMO_MASTER_KEY, apiSecret: DEMO_MASTER_SECRET };
  return { apiKey, apiSecret, master: isMasterKey(apiKey) };
}

/** Whether the configured key is a master key (account list, overview, ?account=). */
export function signsWithMasterKey(): boolean {
  return exchangeKey(getConfig()).master;
}
