import "server-only";
import { getConfig } from "@/lib/config";
import type { Store } from "@/lib/store";
import { generateSecret } from "./signature";

export const DEMO_RECEIVER_PATH = "/api/alerts/demo-receiver";
export const DEMO_RECEIVER_NAME = "Built-in demo receiver";

/** Where this server's own demo receiver answers: loopback, the port it listens on. */
export function demoReceiverUrl(): string {
  return `http://127.0.0.1:${getConfig().port}${DEMO_RECEIVER_PATH}`;
}

/**
 * Demo mode: the built-in receiver is a destination from the start (created once per store). It
 * must exist before the demo's rules are first checked (lib/server/runtime.ts calls this before
 * seeding): a destination gets only the events recorded after it was added, and the demo's firing
 * rule is the event a new user should see arrive.
 */
export async function ensureDemoReceiver(store: Store, now: Date): Promise<void> {
  if (getConfig().mode !== "demo") return;
  await store.deliveries.ensureBuiltinDestination({ name: DEMO_RECEIVER_NAME, kind: "webhook", url: demoReceiverUrl(), secret: generateSecret() }, now);
}
