import "server-only";
import { randomUUID } from "node:crypto";
import os from "node:os";
import { toApiError } from "@/lib/api/to-api-error";
import { getConfig } from "@/lib/config";
import { systemClock } from "@/lib/gemini/nonce";
import { getStore } from "@/lib/server/runtime";
import { DeliveryWorker } from "./delivery-worker";
import { demoReceiverUrl, ensureDemoReceiver } from "./demo-destination";
import { systemResolve } from "./destination-url";
import { pinnedTransport } from "./transport";

/** Due retries are found this often; new events are sent at once when kickDeliveries() is called. */
export const DELIVERY_POLL_MS = 5_000;

interface WorkerState {
  worker?: Promise<DeliveryWorker>;
  /** startDeliveryWorker ran: this process may poll (self-hosted). */
  enabled: boolean;
  /** The polling loop runs in this process; else a kick runs one pass. */
  looping: boolean;
  kicked: boolean;
  wake?: () => void;
}

// Once per process, on globalThis because Next may load this module in more than one bundle.
const holder = globalThis as typeof globalThis & { __alertDelivery?: WorkerState };
const state = (holder.__alertDelivery ??= { enabled: false, looping: false, kicked: false });

function logError(event: string, error: unknown): void {
  const { code, message } = toApiError(error);
  console.error(JSON.stringify({ event, code, message }));
}

async function createWorker(): Promise<DeliveryWorker> {
  const config = getConfig();
  const store = await getStore();
  await ensureDemoReceiver(store, new Date(systemClock.nowMs()));
  return new DeliveryWorker({
    store: store.deliveries,
    clock: systemClock,
    workerId: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    send: {
      allowPrivate: config.alertDelivery.allowPrivate,
      resolve: systemResolve,
      transport: pinnedTransport,
      nowMs: systemClock.nowMs,
      builtinUrl: demoReceiverUrl,
    },
    log: (line) => console.log(JSON.stringify(line)),
  });
}

function worker(): Promise<DeliveryWorker> {
  state.worker ??= createWorker().catch((error: unknown) => {
    // Store down or history off: the next poll or kick tries again.
    state.worker = undefined;
    throw error;
  });
  return state.worker;
}

async function pass(): Promise<void> {
  try {
    await (await worker()).drain();
  } catch (error) {
    logError("alert_delivery_failed", error);
  }
}

async function loop(): Promise<void> {
  for (;;) {
    state.kicked = false;
    await pass();
    if (state.kicked) continue;
    await new Promise<void>((resolve) => {
      state.wake = resolve;
      setTimeout(resolve, DELIVERY_POLL_MS).unref();
    });
    state.wake = undefined;
  }
}

function startLoop(): void {
  if (state.looping) return;
  state.looping = true;
  void loop();
}

/**
 * Lets this process deliver (instrumentation.ts), on self-hosted servers that keep history; the
 * queue is in the store, so every instance may run a worker. Where the snapshot schedule runs, the
 * store is opened at start anyway and polling begins at once, so deliveries queued before a restart
 * go out; otherwise the loop starts with the first kick, and a process that never touches alerts
 * never opens the store for them. On Vercel there is no process to poll in: each kick runs a pass.
 */
export function startDeliveryWorker(): void {
  const { history } = getConfig();
  if (history.offReason !== null || history.onVercel) return;
  state.enabled = true;
  if (history.schedule !== null) startLoop();
}

/** Sends what is due now (alerts-core calls it after recording events; "Send test event" too). */
export function kickDeliveries(): void {
  if (getConfig().history.offReason !== null) return;
  state.kicked = true;
  if (state.enabled) startLoop();
  if (state.looping) state.wake?.();
  else void pass();
}
