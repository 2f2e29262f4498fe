import "server-only";
import type { ClaimedDelivery } from "@/lib/store";
import { checkDestinationUrl, type Resolve } from "./destination-url";
import { slackPayload, webhookPayload } from "./payloads";
import type { AttemptResult } from "./retry-policy";
import { ATTEMPT_HEADER, EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader, TIMESTAMP_HEADER } from "./signature";
import type { Transport } from "./transport";

/** One attempt's limit, well inside the worker's lease so a slow receiver never outlives it. */
export const SEND_TIMEOUT_MS = 10_000;
export const DELIVERY_USER_AGENT = "gemini-treasury-dashboard-alerts";

export interface SendDeps {
  allowPrivate: boolean;
  resolve: Resolve;
  transport: Transport;
  nowMs: () => number;
  /** Where the demo's built-in receiver answers (this server's own address). */
  builtinUrl: () => string;
  timeoutMs?: number;
}

/** The body and headers of one attempt; a webhook's are signed, a Slack message is not (its URL is the credential). */
export function buildRequest(delivery: ClaimedDelivery, nowMs: number): { body: string; headers: Record<string, string> } {
  const { event, destination } = delivery;
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": DELIVERY_USER_AGENT,
    [EVENT_ID_HEADER]: event.id,
    [ATTEMPT_HEADER]: String(delivery.attempt),
  };
  if (destination.kind === "slack") return { body: JSON.stringify(slackPayload(event)), headers };
  const body = JSON.stringify(webhookPayload(event));
  const timestamp = String(Math.floor(nowMs / 1000));
  headers[TIMESTAMP_HEADER] = timestamp;
  // The CHECK constraint keeps a webhook's secret non-null.
  headers[SIGNATURE_HEADER] = signatureHeader(destination.secret ?? "", timestamp, body);
  return { body, headers };
}

function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown }).code;
    return typeof code === "string" && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

/**
 * One attempt: the URL is checked again (scheme, then every address DNS gives now) and the request
 * goes to the address that passed. Nothing is sent when the check refuses.
 */
export async function sendOnce(delivery: ClaimedDelivery, deps: SendDeps): Promise<AttemptResult> {
  const { destination } = delivery;
  // The built-in receiver is this server itself: loopback is allowed for it, and only for it.
  const url = destination.builtin ? deps.builtinUrl() : destination.url;
  const verdict = await checkDestinationUrl(url, { allowPrivate: destination.builtin || deps.allowPrivate, resolve: deps.resolve });
  if (!verdict.ok) {
    // A name that does not resolve may be a passing DNS failure: retried. A refused address is final.
    return verdict.unresolved ? { kind: "network", error: verdict.reason } : { kind: "refused", reason: verdict.reason };
  }
  const { body, headers } = buildRequest(delivery, deps.nowMs());
  try {
    const response = await deps.transport({ url: verdict.url, address: verdict.address, headers, body, timeoutMs: deps.timeoutMs ?? SEND_TIMEOUT_MS });
    return { kind: "response", ...response };
  } catch (error) {
    return { kind: "network", error: errorText(error) };
  }
}
