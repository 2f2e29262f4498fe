import "server-only";
import { ignoreClientForwardedFor } from "@/lib/auth/forwarded-for";
import { ConfigError, getConfig } from "@/lib/config";
import { exchangeKey } from "@/lib/server/exchange-key";

/** Fail closed: print what to fix and exit rather than serve with a broken configuration. */
export function assertStartupConfig(): void {
  try {
    const config = getConfig();
    if (config.trustedProxies === 0) ignoreClientForwardedFor();
    console.log(
      JSON.stringify({
        event: "startup",
        mode: config.mode,
        master: exchangeKey(config).master,
        connections: config.connections.map((connection) => connection.label),
        signIn: config.auth !== null,
        coordination: config.redisUrl ? "redis" : "in-process",
      }),
    );
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n${error.message}\n\nThe dashboard did not start. Fix the variables above (see .env.example) and start it again.\n`);
      process.exit(1);
    }
    throw error;
  }
}
