import "server-only";

import { z } from "zod";
import { FAULT_KINDS, type ActiveFault, type FaultSpec } from "./faults";
import type { DemoStats, RecordedRequest } from "./recorder";
import { jsonResponse, toJsonText } from "./responses";

/** Path prefix of the unsigned test-fixture surface of the standalone server. */
export const CONTROL_PREFIX = "/__demo/";
/** Longer than any client timeout worth testing; keeps a typo from parking the server. */
const MAX_LATENCY_MS = 120_000;
const MAX_RETRY_AFTER_SECONDS = 3_600;

const faultSpecSchema = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  times: z.int().min(1).optional(),
  retryAfter: z.int().min(0).max(MAX_RETRY_AFTER_SECONDS).optional(),
  path: z.string().startsWith("/").optional(),
});
const faultPlanSchema = z.union([faultSpecSchema, z.array(faultSpecSchema).min(1)]);
const latencySchema = z.strictObject({
  ms: z.int().min(0).max(MAX_LATENCY_MS),
  jitterMs: z.int().min(0).max(MAX_LATENCY_MS).optional(),
});

export interface Latency {
  readonly ms: number;
  readonly jitterMs: number;
}

class ControlInputError extends Error {}

/** One fault or a sequence of faults, validated; throws ControlInputError. */
export function parseFaults(input: unknown): FaultSpec[] {
  const result = faultPlanSchema.safeParse(input);
  if (!result.success) throw new ControlInputError(`Invalid fault: ${z.prettifyError(result.error)}`);
  const specs = Array.isArray(result.data) ? result.data : [result.data];
  return specs.map((spec) => ({ ...spec }));
}

export function parseLatency(input: unknown): Latency {
  const result = latencySchema.safeParse(input);
  if (!result.success) throw new ControlInputError(`Invalid latency: ${z.prettifyError(result.error)}`);
  return { ms: result.data.ms, jitterMs: result.data.jitterMs ?? 0 };
}

/** What the control surface drives; DemoExchange implements it. */
export interface ControlTarget {
  setFaults(faults: FaultSpec | readonly FaultSpec[]): void;
  clearFaults(): void;
  faults(): readonly ActiveFault[];
  setLatency(ms: number, jitterMs?: number): void;
  latency(): Latency;
  requests(): readonly RecordedRequest[];
  clearRequests(): void;
  stats(): DemoStats;
  reset(): void;
}

type Handler = (request: Request, target: ControlTarget) => Promise<Response> | Response;

const ok = (value: unknown = { ok: true }): Response => jsonResponse(200, toJsonText(value));

const ROUTES: Readonly<Record<string, Readonly<Record<string, Handler>>>> = {
  health: { GET: () => ok() },
  faults: {
    GET: (_request, target) => ok({ faults: target.faults() }),
    POST: async (request, target) => {
      target.setFaults(parseFaults(await readJson(request)));
      return ok({ faults: target.faults() });
    },
    DELETE: (_request, target) => {
      target.clearFaults();
      return ok();
    },
  },
  latency: {
    GET: (_request, target) => ok(target.latency()),
    POST: async (request, target) => {
      const latency = parseLatency(await readJson(request));
      target.setLatency(latency.ms, latency.jitterMs);
      return ok(target.latency());
    },
  },
  requests: {
    GET: (_request, target) => ok({ requests: target.requests() }),
    DELETE: (_request, target) => {
      target.clearRequests();
      return ok();
    },
  },
  stats: { GET: (_request, target) => ok(target.stats()) },
  reset: {
    POST: (_request, target) => {
      target.reset();
      return ok();
    },
  },
};

/** Answers /__demo/* requests: unsigned JSON in, `{"error": "..."}` on bad input. */
export async function handleControl(request: Request, target: ControlTarget): Promise<Response> {
  const path = new URL(request.url).pathname;
  const name = path.startsWith(CONTROL_PREFIX) ? path.slice(CONTROL_PREFIX.length) : "";
  const methods = ROUTES[name];
  if (!methods) return jsonResponse(404, toJsonText({ error: `Unknown control endpoint ${path}` }));
  const handler = methods[request.method];
  if (!handler) {
    return jsonResponse(405, toJsonText({ error: `${request.method} not allowed on ${path}` }), { allow: Object.keys(methods).join(", ") });
  }
  try {
    return await handler(request, target);
  } catch (error) {
    if (error instanceof ControlInputError) return jsonResponse(400, toJsonText({ error: error.message }));
    throw error;
  }
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ControlInputError("Body must be JSON");
  }
}
