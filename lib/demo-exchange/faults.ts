import "server-only";

import { missingRole } from "./endpoints";
import { emptyNotFound, errorResponse, geminiError, htmlResponse, jsonResponse, toJsonText, type GeminiError } from "./responses";

export const FAULT_KINDS = [
  "invalid-signature",
  "invalid-nonce",
  "missing-role",
  "missing-accounts",
  "invalid-account-name",
  "invalid-api-key",
  "ip-filtering",
  "rate-limit",
  "rate-limit-no-retry-after",
  "html-500",
  "bad-gateway",
  "maintenance",
  "hang",
  "connection-refused",
  "truncated-json",
  "malformed-json",
  "invalid-shape",
  "not-found-empty",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Faults that happen to a request that was otherwise processed (nonce consumed, 200 sent). */
const BODY_FAULTS: ReadonlySet<FaultKind> = new Set(["truncated-json", "malformed-json", "invalid-shape"]);

const DEFAULT_RETRY_AFTER_SECONDS = 1;

export interface FaultSpec {
  readonly kind: FaultKind;
  /** How many matching calls it answers; undefined = until cleared. */
  readonly times?: number;
  /** Seconds for the Retry-After header of `rate-limit`. */
  readonly retryAfter?: number;
  /** Only calls to this exact path; undefined = every private call. */
  readonly path?: string;
}

export interface ActiveFault extends FaultSpec {
  /** Calls still to answer; null = until cleared. */
  remaining: number | null;
}

export interface FaultPlan {
  /** Replaces the plan; faults apply in order, each until its `times` run out. */
  set(specs: readonly FaultSpec[]): void;
  clear(): void;
  list(): readonly ActiveFault[];
  /** The fault that would answer a call to this path, without using it up. */
  peek(path: string): ActiveFault | null;
  consume(fault: ActiveFault): void;
}

export function createFaultPlan(): FaultPlan {
  let faults: ActiveFault[] = [];
  return {
    set(specs) {
      faults = specs.map((spec) => ({ ...spec, remaining: spec.times ?? null }));
    },
    clear() {
      faults = [];
    },
    list: () => faults.map((fault) => ({ ...fault })),
    peek: (path) => faults.find((fault) => fault.path === undefined || fault.path === path) ?? null,
    consume(fault) {
      if (fault.remaining === null) return;
      fault.remaining -= 1;
      if (fault.remaining <= 0) faults = faults.filter((candidate) => candidate !== fault);
    },
  };
}

export function isBodyFault(kind: FaultKind): boolean {
  return BODY_FAULTS.has(kind);
}

/** What fetch throws when nothing answers; the standalone server turns it into a dropped socket. */
export class DemoConnectionRefused extends TypeError {
  constructor() {
    const cause = Object.assign(new Error("connect ECONNREFUSED (demo exchange fault)"), { code: "ECONNREFUSED" });
    super("fetch failed", { cause });
    this.name = "TypeError";
  }
}

export interface FaultCall {
  readonly apiKey: string;
  readonly nonce: string | null;
}

/** A fault decided before the exchange looks at the call: a Gemini rejection or an infrastructure failure. */
export function faultResponse(fault: FaultSpec, call: FaultCall): Response {
  const gemini = geminiFault(fault, call);
  if (gemini) return errorResponse(gemini);
  switch (fault.kind) {
    case "rate-limit-no-retry-after":
      return jsonResponse(429, toJsonText({ result: "error", reason: "RateLimit", message: "Too Many Requests" }));
    case "html-500":
      return htmlResponse(500, page("500 Internal Server Error", "The server encountered an internal error and was unable to complete your request."));
    case "bad-gateway":
      return htmlResponse(502, page("502 Bad Gateway", "The upstream server returned an invalid response."));
    case "not-found-empty":
      return emptyNotFound();
    default:
      throw new Error(`Fault ${fault.kind} is not answered by faultResponse`);
  }
}

function geminiFault(fault: FaultSpec, call: FaultCall): GeminiError | null {
  switch (fault.kind) {
    case "invalid-signature":
      return geminiError(400, "InvalidSignature", "InvalidSignature");
    case "invalid-nonce":
      return geminiError(400, "InvalidNonce", `Nonce '${call.nonce ?? ""}' has not increased since your last call to the Gemini API.`);
    case "missing-role":
      return missingRole(call.apiKey, { isAuditor: false, isFundManager: false, isTrader: false });
    case "missing-accounts":
      return geminiError(400, "MissingAccounts", "A Master API key must specify the account, e.g. \"account\": \"primary\", in the payload");
    case "invalid-account-name":
      return geminiError(400, "InvalidAccountName", "Account name does not exist in this group");
    case "invalid-api-key":
      return geminiError(400, "InvalidApiKey", "Invalid API key");
    case "ip-filtering":
      return geminiError(403, "ApiKeyIpFilteringFailure", "IP address is not in the list of allowed IPs for this API key");
    case "rate-limit": {
      const seconds = fault.retryAfter ?? DEFAULT_RETRY_AFTER_SECONDS;
      return { ...geminiError(429, "RateLimit", "Requests were made too frequently"), headers: { "retry-after": String(seconds) } };
    }
    case "maintenance":
      return geminiError(503, "Maintenance", "The Gemini API is undergoing maintenance; please try again later");
    default:
      return null;
  }
}

/** A 200 whose body the client must refuse: cut off, not JSON, or JSON of the wrong shape. */
export function corruptedResponse(kind: FaultKind, body: unknown): Response {
  switch (kind) {
    case "truncated-json": {
      const text = toJsonText(body);
      return jsonResponse(200, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
    }
    case "malformed-json":
      return jsonResponse(200, "<html><body>OK</body></html>");
    case "invalid-shape":
      return jsonResponse(200, toJsonText(misshape(body)));
    default:
      throw new Error(`Fault ${kind} does not corrupt a body`);
  }
}

/** Drops the identifying field of every entry (currency, account) and turns booleans into strings. */
function misshape(body: unknown): unknown {
  if (Array.isArray(body)) {
    const entries = body.map((entry: unknown) => {
      if (typeof entry !== "object" || entry === null) return entry;
      const copy: Record<string, unknown> = { ...entry };
      delete copy.currency;
      delete copy.account;
      return copy;
    });
    return entries.length > 0 ? entries : [{ type: "exchange" }];
  }
  if (typeof body === "object" && body !== null) {
    return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, typeof value === "boolean" ? String(value) : value]));
  }
  return { result: "ok" };
}

function page(title: string, text: string): string {
  return `<!DOCTYPE html><html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><p>${text}</p><hr><center>nginx</center></body></html>`;
}
