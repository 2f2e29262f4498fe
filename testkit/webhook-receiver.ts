/**
 * A real webhook receiver for delivery tests: node:http on a port of its own, checking every
 * request's signature as a customer's receiver would, recording what came, answering as told.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** How old a timestamp the receiver takes, as the README's snippet. */
const TOLERANCE_SECONDS = 300;

/**
 * The README's verification snippet, written out on its own (not the dashboard's code), so a test
 * proves what a customer's receiver would accept.
 */
export function verifyLikeTheReadme(secret: string, headers: IncomingMessage["headers"], rawBody: string, nowMs: number): { ok: true } | { ok: false; reason: string } {
  const timestamp = headers["x-treasury-timestamp"];
  const signature = headers["x-treasury-signature"];
  if (typeof timestamp !== "string" || typeof signature !== "string") return { ok: false, reason: "missing headers" };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > TOLERANCE_SECONDS) return { ok: false, reason: "stale timestamp" };
  const expected = Buffer.from(`v1=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? { ok: true } : { ok: false, reason: "bad signature" };
}

export interface Received {
  eventId: string;
  attempt: string | null;
  signatureOk: boolean;
  /** Why the signature failed, when it did. */
  signatureProblem: string | null;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface WebhookReceiver {
  readonly port: number;
  readonly host: string;
  /** http://host:port/hook */
  readonly url: string;
  readonly received: Received[];
  /** Answers the next requests with these, in order; then 200. */
  answerWith(...answers: Answer[]): void;
  /** Stops listening (the port refuses connections), keeps what was received. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

interface ReceiverOptions {
  /** The webhook's signing secret; null for a Slack destination (nothing to check). */
  secret: string | null;
  host?: string;
  /** A fixed port (to come up later where a destination already points); 0 = any free one. */
  port?: number;
  /** Start without listening: "receiver down". */
  startDown?: boolean;
  /** The receiver's clock for the timestamp check (the test's injected clock). */
  nowMs?: () => number;
  /** Holds each answer this long, so concurrent senders overlap. */
  delayMs?: number;
}

export async function startReceiver({ secret, host = "127.0.0.1", port = 0, startDown = false, nowMs = Date.now, delayMs = 0 }: ReceiverOptions): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const answers: Answer[] = [];
  let server: Server | null = null;
  let boundPort = port;

  const handle = (request: IncomingMessage, body: string): Answer => {
    const check = secret ? verifyLikeTheReadme(secret, request.headers, body, nowMs()) : ({ ok: true } as const);
    received.push({
      eventId: String(request.headers["x-treasury-event-id"] ?? ""),
      attempt: (request.headers["x-treasury-delivery-attempt"] as string | undefined) ?? null,
      signatureOk: check.ok,
      signatureProblem: check.ok ? null : check.reason,
      headers: request.headers,
      body,
    });
    if (!check.ok) return { status: 401, body: check.reason };
    return answers.shift() ?? { status: 200, body: "ok" };
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on("data", (chunk: Buffer) => chunks.push(chunk));
        request.on("end", () => {
          const answer = handle(request, Buffer.concat(chunks).toString("utf8"));
          setTimeout(() => {
            response.writeHead(answer.status, answer.headers ?? {});
            response.end(answer.body ?? "");
          }, delayMs);
        });
      });
      next.once("error", reject);
      next.listen(boundPort, host, () => {
        boundPort = (next.address() as AddressInfo).port;
        server = next;
        resolve();
      });
    });

  const down = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = null;
      if (!current) return resolve();
      current.close(() => resolve());
      current.closeAllConnections();
    });

  if (!startDown || port === 0) await listen();
  if (startDown && port === 0) await down();
  return {
    get port() {
      return boundPort;
    },
    host,
    get url() {
      return `http://${host}:${boundPort}/hook`;
    },
    received,
    answerWith: (...more) => answers.push(...more),
    down,
    up: listen,
    close: down,
  };
}
