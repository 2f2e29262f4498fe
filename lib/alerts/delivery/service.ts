import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { audit, type AuditEvent } from "@/lib/auth/audit";
import type { Caller } from "@/lib/auth/audited-read";
import { getConfig } from "@/lib/config";
import { systemClock } from "@/lib/gemini/nonce";
import { readBodyLimited } from "@/lib/request-body";
import { getSnapshotConnection, getStore } from "@/lib/server/runtime";
import type { DeliveryLogRow, Destination, DestinationChanges, Store } from "@/lib/store";
import { ensureDemoReceiver } from "./demo-destination";
import { checkDestinationUrl, MAX_DESTINATION_URL_LENGTH, systemResolve } from "./destination-url";
import { generateSecret, MIN_SECRET_LENGTH } from "./signature";
import { DESTINATION_KINDS, type DeliveriesResponse, type DeliveryJson, type DestinationJson, type DestinationSavedResponse, type DestinationsResponse, type TestEventResponse } from "./types";
import { kickDeliveries } from "./worker";

/** A destination's request body: a name, a URL, a secret of any sensible length. */
const MAX_BODY_BYTES = 8_192;
const MAX_NAME_LENGTH = 80;
const MAX_SECRET_LENGTH = 256;
/** The delivery log shows this many deliveries unless asked for fewer. */
export const DELIVERY_LOG_LIMIT = 50;

const name = z.string().trim().min(1, "name must not be empty").max(MAX_NAME_LENGTH, `name must be at most ${MAX_NAME_LENGTH} characters`);
const url = z.string().trim().min(1, "url must not be empty").max(MAX_DESTINATION_URL_LENGTH);
const secret = z
  .string()
  .min(MIN_SECRET_LENGTH, `secret must be at least ${MIN_SECRET_LENGTH} characters (or leave it out and one is generated)`)
  .max(MAX_SECRET_LENGTH);

const createBody = z.strictObject({ name, kind: z.enum(DESTINATION_KINDS), url, secret: secret.optional() });
const updateBody = z.strictObject({ name: name.optional(), url: url.optional(), enabled: z.boolean().optional(), secret: secret.optional(), rotateSecret: z.literal(true).optional() });

export const destinationIdParam = z.string().regex(/^[1-9]\d{0,15}$/, "destination ids are positive whole numbers").transform(Number);

export const deliveryLogQuery = z.object({
  event: z.uuid({ message: "event must be an event id (a UUID)" }).optional(),
  destination: destinationIdParam.optional(),
  limit: z
    .string()
    .regex(/^\d+$/, "limit must be a whole number")
    .transform(Number)
    .refine((value) => value >= 1 && value <= DELIVERY_LOG_LIMIT, `limit must be between 1 and ${DELIVERY_LOG_LIMIT}`)
    .optional(),
});

async function readJson<T>(request: Request, schema: z.ZodType<T>, example: string): Promise<T> {
  const text = new TextDecoder().decode(await readBodyLimited(request, MAX_BODY_BYTES));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError("bad_request", `Send JSON such as ${example}.`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError("bad_request", issue?.code === "unrecognized_keys" ? `unknown field ${issue.keys.join(", ")}` : (issue?.message ?? "invalid body"));
  }
  return parsed.data;
}

/** The URL cut after its first path segment: a Slack webhook URL (or a token in a query) is itself a secret. */
export function urlPreview(text: string): string {
  try {
    const parsed = new URL(text);
    const [first, ...rest] = parsed.pathname.split("/").filter(Boolean);
    const hidden = rest.length > 0 || parsed.search !== "";
    return `${parsed.origin}/${first ?? ""}${hidden ? "/…" : ""}`;
  } catch {
    return "(invalid URL)";
  }
}

export function destinationJson(destination: Destination): DestinationJson {
  return {
    id: destination.id,
    name: destination.name,
    kind: destination.kind,
    urlPreview: destination.builtin ? "This server (demo receiver)" : urlPreview(destination.url),
    enabled: destination.enabled,
    builtin: destination.builtin,
    createdAt: destination.createdAt.toISOString(),
    updatedAt: destination.updatedAt.toISOString(),
  };
}

function deliveryJson(row: DeliveryLogRow): DeliveryJson {
  return {
    ...row,
    occurredAt: row.occurredAt.toISOString(),
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    attemptLog: row.attemptLog.map((attempt) => ({ ...attempt, startedAt: attempt.startedAt.toISOString() })),
  };
}

/** The save-time half of the SSRF check (the send-time half is in send.ts). */
async function checkUrl(text: string): Promise<void> {
  const verdict = await checkDestinationUrl(text, { allowPrivate: getConfig().alertDelivery.allowPrivate, resolve: systemResolve });
  if (!verdict.ok) throw new ApiError("alert_destination_refused", `The destination URL was refused: ${verdict.reason}`);
}

function now(): Date {
  return new Date(systemClock.nowMs());
}

async function record(event: AuditEvent, caller: Caller, destination: Destination, outcome = "ok"): Promise<void> {
  // The destination's id and name, never its URL or secret. Awaited: the answer leaves after its row.
  await audit({ event, user: caller.user, outcome: `${outcome} destination=${destination.id} ${JSON.stringify(destination.name)}`, address: caller.address });
}

async function deliveries(): Promise<Store["deliveries"]> {
  return (await getStore()).deliveries;
}

async function existing(id: number): Promise<Destination> {
  const destination = await (await deliveries()).destination(id);
  if (!destination) throw new ApiError("alert_destination_not_found", `There is no alert destination ${id}.`);
  return destination;
}

export async function listDestinations(): Promise<DestinationsResponse> {
  const store = await getStore();
  await ensureDemoReceiver(store, new Date(systemClock.nowMs()));
  return { destinations: (await store.deliveries.listDestinations()).map(destinationJson) };
}

export async function createDestination(request: Request, caller: Caller): Promise<DestinationSavedResponse> {
  const body = await readJson(request, createBody, '{"name": "Treasury Slack", "kind": "slack", "url": "https://hooks.slack.com/services/..."}');
  await checkUrl(body.url);
  const signingSecret = body.kind === "webhook" ? (body.secret ?? generateSecret()) : null;
  if (body.kind === "slack" && body.secret) throw new ApiError("bad_request", "A Slack destination takes no secret: its URL is the credential.");
  const destination = await (await deliveries()).createDestination({ name: body.name, kind: body.kind, url: body.url, secret: signingSecret }, now());
  await record("alert_destination_created", caller, destination, `ok kind=${destination.kind}`);
  // Shown this once (the admin set it, or must copy the generated one into the receiver).
  return { destination: destinationJson(destination), secret: signingSecret };
}

export async function updateDestination(id: number, request: Request, caller: Caller): Promise<DestinationSavedResponse> {
  const body = await readJson(request, updateBody, '{"enabled": false}');
  const current = await existing(id);
  if (current.builtin && (body.url !== undefined || body.secret !== undefined || body.rotateSecret)) {
    throw new ApiError("alert_destination_builtin", "The built-in demo receiver's address and secret are the server's own: only its name and whether it is on can change.");
  }
  if (current.kind === "slack" && (body.secret !== undefined || body.rotateSecret)) throw new ApiError("bad_request", "A Slack destination takes no secret: its URL is the credential.");
  if (body.secret !== undefined && body.rotateSecret) throw new ApiError("bad_request", "Send either secret or rotateSecret, not both.");
  if (body.url !== undefined) await checkUrl(body.url);
  const newSecret = body.rotateSecret ? generateSecret() : body.secret;
  const changes: DestinationChanges = { name: body.name, url: body.url, enabled: body.enabled, secret: newSecret };
  for (const key of Object.keys(changes) as (keyof DestinationChanges)[]) if (changes[key] === undefined) delete changes[key];
  const destination = await (await deliveries()).updateDestination(id, changes, now());
  if (!destination) throw new ApiError("alert_destination_not_found", `There is no alert destination ${id}.`);
  const what = Object.keys(changes).join(",") || "nothing";
  await record("alert_destination_updated", caller, destination, `ok changed=${what}`);
  return { destination: destinationJson(destination), secret: newSecret ?? null };
}

export async function deleteDestination(id: number, caller: Caller): Promise<{ deleted: number }> {
  const destination = await (await deliveries()).deleteDestination(id);
  if (!destination) throw new ApiError("alert_destination_not_found", `There is no alert destination ${id}.`);
  await record("alert_destination_deleted", caller, destination);
  return { deleted: id };
}

/** "Send test event": a kind='test' event for this destination only, sent at once. */
export async function sendTestEvent(id: number, caller: Caller): Promise<TestEventResponse> {
  const destination = await existing(id);
  if (!destination.enabled) throw new ApiError("alert_destination_disabled", "This destination is paused: turn it on to send it a test event.");
  const eventId = await (await deliveries()).recordTestEvent(destination, getSnapshotConnection().label, now());
  await record("alert_destination_test", caller, destination, `ok event=${eventId}`);
  kickDeliveries();
  return { eventId };
}

export async function deliveryLog(query: z.output<typeof deliveryLogQuery>): Promise<DeliveriesResponse> {
  const rows = await (await deliveries()).deliveryLog({ eventId: query.event, destinationId: query.destination, limit: query.limit ?? DELIVERY_LOG_LIMIT });
  return { deliveries: rows.map(deliveryJson) };
}
