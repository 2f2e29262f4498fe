import "server-only";
import { ApiError } from "@/lib/api/errors";
import { getConfig } from "@/lib/config";
import { systemClock } from "@/lib/gemini/nonce";
import { readBodyLimited } from "@/lib/request-body";
import { getStore } from "@/lib/server/runtime";
import { EVENT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from "./signature";
import type { DemoReceiptsResponse } from "./types";

/** An alert payload is a few hundred bytes; anything larger is not one of ours. */
const MAX_RECEIPT_BYTES = 65_536;
export const RECEIPTS_SHOWN = 20;
export const VERIFIED = "Signature verified (v1, HMAC-SHA256, timestamp fresh)";

function demoOnly(): void {
  if (getConfig().mode !== "demo") throw new ApiError("alert_demo_receiver_off", "The built-in demo receiver exists only in demo mode.");
}

/**
 * The demo's receiver, doing what a real one should: read the raw body, verify the signature over
 * `${timestamp}.${body}` in constant time, refuse a stale timestamp. Only verified payloads are kept
 * (the last DEMO_RECEIPTS_KEPT), so the open demo cannot be filled with anything else.
 */
export async function receiveDemo(request: Request): Promise<{ received: true }> {
  demoOnly();
  const store = await getStore();
  const builtin = (await store.deliveries.listDestinations()).find((destination) => destination.builtin);
  if (!builtin?.secret) throw new ApiError("alert_demo_receiver_off", "The built-in demo receiver is not set up on this server.");
  const body = new TextDecoder().decode(await readBodyLimited(request, MAX_RECEIPT_BYTES));
  const nowMs = systemClock.nowMs();
  const check = verifySignature({
    secret: builtin.secret,
    timestamp: request.headers.get(TIMESTAMP_HEADER),
    signature: request.headers.get(SIGNATURE_HEADER),
    body,
    nowMs,
  });
  if (!check.ok) throw new ApiError("alert_signature_invalid", `Refused: ${check.reason}.`);
  await store.deliveries.addDemoReceipt({ receivedAt: new Date(nowMs), eventId: request.headers.get(EVENT_ID_HEADER), signatureValid: true, verdict: VERIFIED, body });
  return { received: true };
}

export async function demoReceipts(): Promise<DemoReceiptsResponse> {
  demoOnly();
  const receipts = await (await getStore()).deliveries.demoReceipts(RECEIPTS_SHOWN);
  return { receipts: receipts.map((receipt) => ({ ...receipt, receivedAt: receipt.receivedAt.toISOString() })) };
}
