import "server-only";

import { createMonotonicClock, wallClockNanos } from "./clock";
import { handleControl, parseFaults, parseLatency, type ControlTarget, type Latency } from "./control";
import { matchRoute, PRICEFEED_PATH, pricefeedBody, runEndpoint, type EndpointContext, type Roles } from "./endpoints";
import {
  corruptedResponse,
  createFaultPlan,
  DemoConnectionRefused,
  faultResponse,
  isBodyFault,
  type FaultKind,
  type FaultSpec,
} from "./faults";
import { DEMO_KEYS, demoConnectionKey } from "./credentials";
import { demoGroup } from "./data";
import { createLedger } from "./ledger";
import { createRandom } from "./random";
import { createRateLimit } from "./rate-limit";
import { createRecorder, type CallEnd } from "./recorder";
import { emptyNotFound, errorResponse, geminiError, htmlResponse, jsonResponse, toJsonText } from "./responses";
import { createNonceBook, decodePayload, nonceText, verifyRequest } from "./verify";

/** A hung call is let go after this, answered as a gateway timeout, so nothing waits forever. */
const HANG_SAFETY_CAP_MS = 60_000;

export interface DemoExchangeOptions {
  /** Added before each private call is looked at (as network time would be). */
  latencyMs?: number;
  /** Extra random 0..jitterMs per call; non-zero lets concurrent calls arrive out of order, as on the wire. */
  latencyJitterMs?: number;
  /** Balance amounts as JSON strings (default, like Gemini's examples) or raw JSON numbers. */
  numberStyle?: "string" | "number";
  /** `_timestamp` as integer nanoseconds (default) or an ISO-8601 string with microseconds. */
  timestampStyle?: "nanos" | "iso";
  /** Default: auditor only. */
  roles?: Roles;
  /** Makes the balance drift deterministic. */
  seed?: number;
  /** Set false to keep balances exactly at their seed values. Default true. */
  drift?: boolean;
  /** Nanosecond wall clock, for tests. */
  now?: () => bigint;
  /** More open exchange accounts in the group (desk-001...), for sweeps over a large group. Default 0. */
  extraAccounts?: number;
  /** When the desks were opened (ms, their `created`); unset: long ago (lib/demo-exchange/data.ts). */
  desksOpenedAt?: number;
  /**
   * A further demo group, for a second demo connection: its own master key (demoConnectionKey),
   * its accounts named after the label (sg-entity-primary, ...) with balances of their own. Unset:
   * the demo group, signed with DEMO_MASTER_KEY or DEMO_ACCOUNT_KEY.
   */
  connection?: string;
  /** Enforce a budget per API key, as `--calls-per-second` does (lib/demo-exchange/rate-limit.ts). Unset: no limit. */
  callsPerSecond?: number;
}

export interface DemoExchange extends ControlTarget {
  /** The Gemini private REST API: pass it a Request as you would to fetch. */
  handle(request: Request): Promise<Response>;
  /** The unsigned /__demo/* fixture surface (faults, latency, requests, stats, reset). */
  handleControl(request: Request): Promise<Response>;
  /** Lets go of hung and delayed calls (they fail like a refused connection). */
  close(): void;
}

const AUDITOR_ONLY: Roles = { isAuditor: true, isFundManager: false, isTrader: false };

export function createDemoExchange(options: DemoExchangeOptions = {}): DemoExchange {
  const random = createRandom(options.seed);
  const initialLatency = parseLatency({ ms: options.latencyMs ?? 0, jitterMs: options.latencyJitterMs ?? 0 });
  let latency: Latency = initialLatency;
  const group = demoGroup(options.extraAccounts, options.connection, options.desksOpenedAt);
  const keys = options.connection === undefined ? DEMO_KEYS : [demoConnectionKey(options.connection)];
  const ledger = createLedger(random, options.drift ?? true, group.seeds);
  const nonces = createNonceBook();
  const faults = createFaultPlan();
  const recorder = createRecorder();
  const nowNanos = options.now ?? wallClockNanos;
  const rateLimit = options.callsPerSecond === undefined ? null : createRateLimit(options.callsPerSecond, () => Number(nowNanos() / 1_000_000n));
  const waits = new Set<() => void>();
  const context: EndpointContext = {
    ledger,
    accounts: group.accounts,
    staking: group.staking,
    roles: options.roles ?? AUDITOR_ONLY,
    numberStyle: options.numberStyle ?? "string",
    timestampStyle: options.timestampStyle ?? "nanos",
    nextTimestamp: createMonotonicClock(options.now ?? wallClockNanos, options.timestampStyle ?? "nanos"),
  };

  /** Resolves true after `ms`, false if the exchange closes; rejects with the abort reason if the caller aborts. */
  const wait = (ms: number, signal: AbortSignal | undefined): Promise<boolean> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const finish = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        waits.delete(onClose);
      };
      const onAbort = (): void => {
        finish();
        reject(signal?.reason);
      };
      const onClose = (): void => {
        finish();
        resolve(false);
      };
      const timer = setTimeout(() => {
        finish();
        resolve(true);
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
      waits.add(onClose);
    });

  const handle = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const route = matchRoute(path);
    const payload = decodePayload(request.headers.get("x-gemini-payload") ?? "");
    const finish = recorder.start({
      method: request.method,
      path,
      apiKey: request.headers.get("x-gemini-apikey"),
      nonce: payload ? nonceText(payload) : null,
      account: typeof payload?.account === "string" ? payload.account : null,
      showPendingBalances: typeof payload?.showPendingBalances === "boolean" ? payload.showPendingBalances : null,
    });
    const answer = (response: Response, end: Omit<CallEnd, "status">): Response => {
      finish({ ...end, status: response.status });
      return response;
    };
    try {
      if (path === PRICEFEED_PATH) return await publicCall(request, path, answer);
      if (!route) return answer(emptyNotFound(), { outcome: "not-found", reason: null, fault: null });
      if (request.method !== "POST") {
        const error = { ...geminiError(405, "MethodNotAllowed", `${request.method} is not supported; private API calls must be POST`), headers: { allow: "POST" } };
        return answer(errorResponse(error), { outcome: "method-not-allowed", reason: error.reason, fault: null });
      }

      // Counted on arrival, as at Gemini's edge, before the call's own latency.
      if (rateLimit && !rateLimit.admit(request.headers.get("x-gemini-apikey") ?? "")) {
        const error = { ...geminiError(429, "RateLimit", "Requests were made too frequently"), headers: { "retry-after": "1" } };
        return answer(errorResponse(error), { outcome: "rejected", reason: error.reason, fault: null });
      }

      const delay = latency.ms + (latency.jitterMs > 0 ? random.int(latency.jitterMs + 1) : 0);
      if (delay > 0 && !(await wait(delay, request.signal))) throw new DemoConnectionRefused();

      const fault = faults.peek(path);
      if (fault && !isBodyFault(fault.kind)) {
        faults.consume(fault);
        return await injectFault(fault, request, payload ? nonceText(payload) : null, answer);
      }

      const verified = verifyRequest(path, request.headers, nonces, keys);
      if (!verified.ok) return answer(errorResponse(verified.error), { outcome: "rejected", reason: verified.error.reason, fault: null });
      const result = runEndpoint(route, verified.value, context);
      if (!result.ok) return answer(errorResponse(result.error), { outcome: "rejected", reason: result.error.reason, fault: null });

      const bodyFault = faults.peek(path);
      if (bodyFault && isBodyFault(bodyFault.kind)) {
        faults.consume(bodyFault);
        return answer(corruptedResponse(bodyFault.kind, result.body), { outcome: "fault", reason: null, fault: bodyFault.kind });
      }
      return answer(jsonResponse(200, toJsonText(result.body)), { outcome: "ok", reason: null, fault: null });
    } catch (error) {
      finish({ status: null, outcome: "aborted", reason: null, fault: null });
      throw error;
    }
  };

  /** Public market data: GET, unsigned and without a nonce; latency and faults apply as to private calls. */
  const publicCall = async (request: Request, path: string, answer: (response: Response, end: Omit<CallEnd, "status">) => Response): Promise<Response> => {
    if (request.method !== "GET") {
      const error = { ...geminiError(405, "MethodNotAllowed", `${request.method} is not supported; public API calls must be GET`), headers: { allow: "GET" } };
      return answer(errorResponse(error), { outcome: "method-not-allowed", reason: error.reason, fault: null });
    }
    const delay = latency.ms + (latency.jitterMs > 0 ? random.int(latency.jitterMs + 1) : 0);
    if (delay > 0 && !(await wait(delay, request.signal))) throw new DemoConnectionRefused();
    // Only faults aimed at this path: a fault for "every private call" is not meant for market data.
    const fault = faults.peek(path);
    if (fault?.path === path) {
      faults.consume(fault);
      if (isBodyFault(fault.kind)) return answer(corruptedResponse(fault.kind, pricefeedBody()), { outcome: "fault", reason: null, fault: fault.kind });
      return await injectFault(fault, request, null, answer);
    }
    return answer(jsonResponse(200, toJsonText(pricefeedBody())), { outcome: "ok", reason: null, fault: null });
  };

  const injectFault = async (
    fault: FaultSpec,
    request: Request,
    nonce: string | null,
    answer: (response: Response, end: Omit<CallEnd, "status">) => Response,
  ): Promise<Response> => {
    const end = (kind: FaultKind, reason: string | null): Omit<CallEnd, "status"> => ({ outcome: "fault", reason, fault: kind });
    if (fault.kind === "connection-refused") throw new DemoConnectionRefused();
    if (fault.kind === "hang") {
      if (!(await wait(HANG_SAFETY_CAP_MS, request.signal))) throw new DemoConnectionRefused();
      return answer(htmlResponse(504, "<html><body><h1>504 Gateway Time-out</h1></body></html>"), end(fault.kind, null));
    }
    const response = faultResponse(fault, { apiKey: request.headers.get("x-gemini-apikey") ?? "", nonce });
    return answer(response, end(fault.kind, await reasonOf(response)));
  };

  const exchange: DemoExchange = {
    handle,
    handleControl: (request) => handleControl(request, exchange),
    setFaults: (specs) => faults.set(parseFaults(specs)),
    clearFaults: () => faults.clear(),
    faults: () => faults.list(),
    setLatency: (ms, jitterMs = 0) => {
      latency = parseLatency({ ms, jitterMs });
    },
    latency: () => latency,
    requests: () => recorder.requests(),
    clearRequests: () => recorder.clear(),
    stats: () => recorder.stats(),
    reset: () => {
      faults.clear();
      nonces.clear();
      recorder.clear();
      latency = initialLatency;
    },
    close: () => {
      for (const release of [...waits]) release();
    },
  };
  return exchange;
}

/** The Gemini reason of an error response, for the request log. */
async function reasonOf(response: Response): Promise<string | null> {
  if (!response.headers.get("content-type")?.includes("json")) return null;
  try {
    const body: unknown = await response.clone().json();
    return typeof body === "object" && body !== null && "reason" in body && typeof body.reason === "string" ? body.reason : null;
  } catch {
    return null;
  }
}
