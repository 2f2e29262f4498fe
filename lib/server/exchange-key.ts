import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getConfig, type AppConfig, type ConnectionConfig } from "@/lib/config";
import { isMasterKey } from "@/lib/config/master-key";
import { DEMO_MASTER_KEY, DEMO_MASTER_SECRET, demoConnectionKey } from "@/lib/demo-exchange/credentials";

export interface ExchangeKey {
  readonly apiKey: string;
  readonly apiSecret: string;
  /** A master key reaches every account of its group; an account key only its own. */
  readonly master: boolean;
}

/**
 * The key a connection signs with: live mode's from the environment; demo mode's a demo
 * exchange's public master key (the first demo connection's the demo group's, each further one
 * its own group's). Kept apart from runtime.ts so startup can log it without building the
 * runtime (and connecting to Redis).
 */
export function connectionKey(connection: ConnectionConfig, index: number): ExchangeKey {
  const demo = index === 0 ? { apiKey: DEMO_MASTER_KEY, apiSecret: DEMO_MASTER_SECRET } : demoKey(connection.label);
  const { apiKey, apiSecret } = connection.credentials ?? demo;
  return { apiKey, apiSecret, master: isMasterKey(apiKey) };
}

function demoKey(label: string): { apiKey: string; apiSecret: string } {
  const { key, secret } = demoConnectionKey(label);
  return { apiKey: key, apiSecret: secret };
}

/** The default connection's key. */
export function exchangeKey(config: AppConfig): ExchangeKey {
  return connectionKey(config.connections[0] ?? config.exchange, 0);
}

/** A configured connection and its place (0: the default); an unknown label is 400 unknown_connection, before any upstream call. */
export function connectionOf(label: string | null | undefined): { connection: ConnectionConfig; index: number } {
  const { connections } = getConfig();
  const index = label ? connections.findIndex((candidate) => candidate.label === label) : 0;
  if (index < 0) {
    throw new ApiError("unknown_connection", `No connection named '${label}': this dashboard has ${connections.map((each) => each.label).join(", ")}.`);
  }
  return { connection: connections[index]!, index };
}

/** Every connection's label, the default first. */
export function connectionLabels(): string[] {
  return getConfig().connections.map((connection) => connection.label);
}

/** Whether a connection's key (the default connection's when not named) is a master key (account list, overview, ?account=). */
export function signsWithMasterKey(connection?: string | null): boolean {
  const { connection: config, index } = connectionOf(connection);
  return connectionKey(config, index).master;
}
