import "server-only";

import type { FaultKind } from "./faults";

/** Old entries are dropped past this so long benchmarks do not grow memory without bound. */
const MAX_RECORDED_REQUESTS = 1_000;

export type Outcome = "ok" | "rejected" | "fault" | "aborted" | "not-found" | "method-not-allowed";

/** What the exchange saw of one call. Never the signature, the secret or the raw payload. */
export interface RecordedRequest {
  readonly seq: number;
  /** Arrival, ISO-8601. */
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly apiKey: string | null;
  /** The nonce's text exactly as sent (string or integer digits). */
  readonly nonce: string | null;
  readonly account: string | null;
  readonly showPendingBalances: boolean | null;
  /** null when no HTTP answer was given (hang, connection-refused, client abort). */
  readonly status: number | null;
  readonly outcome: Outcome;
  readonly reason: string | null;
  readonly fault: FaultKind | null;
  readonly durationMs: number;
}

export interface DemoStats {
  readonly total: number;
  readonly byPath: Readonly<Record<string, number>>;
  readonly byOutcome: Readonly<Record<string, number>>;
  readonly byReason: Readonly<Record<string, number>>;
  /** Genuine InvalidNonce rejections (injected invalid-nonce faults are not counted). */
  readonly rejectedNonces: number;
  readonly inFlight: number;
  /** Highest number of calls in flight at once, per API key: more than 1 means the client did not serialise. */
  readonly maxInFlightByKey: Readonly<Record<string, number>>;
}

export interface CallStart {
  readonly method: string;
  readonly path: string;
  readonly apiKey: string | null;
  readonly nonce: string | null;
  readonly account: string | null;
  readonly showPendingBalances: boolean | null;
}

export interface CallEnd {
  readonly status: number | null;
  readonly outcome: Outcome;
  readonly reason: string | null;
  readonly fault: FaultKind | null;
}

export interface Recorder {
  start(call: CallStart): (end: CallEnd) => void;
  requests(): readonly RecordedRequest[];
  stats(): DemoStats;
  clear(): void;
}

export function createRecorder(): Recorder {
  let log: RecordedRequest[] = [];
  let seq = 0;
  let byPath = new Map<string, number>();
  let byOutcome = new Map<string, number>();
  let byReason = new Map<string, number>();
  let rejectedNonces = 0;
  let total = 0;
  let maxInFlightByKey = new Map<string, number>();
  const inFlightByKey = new Map<string, number>();
  let inFlight = 0;
  const bump = (map: Map<string, number>, key: string): void => void map.set(key, (map.get(key) ?? 0) + 1);

  return {
    start(call) {
      const startedAt = Date.now();
      const keyName = call.apiKey ?? "(none)";
      inFlight += 1;
      const keyInFlight = (inFlightByKey.get(keyName) ?? 0) + 1;
      inFlightByKey.set(keyName, keyInFlight);
      maxInFlightByKey.set(keyName, Math.max(maxInFlightByKey.get(keyName) ?? 0, keyInFlight));
      let finished = false;
      return (end) => {
        if (finished) return;
        finished = true;
        inFlight -= 1;
        inFlightByKey.set(keyName, (inFlightByKey.get(keyName) ?? 1) - 1);
        seq += 1;
        total += 1;
        bump(byPath, call.path);
        bump(byOutcome, end.outcome);
        if (end.reason) bump(byReason, end.reason);
        if (end.reason === "InvalidNonce" && end.fault === null) rejectedNonces += 1;
        log.push({ seq, time: new Date(startedAt).toISOString(), ...call, ...end, durationMs: Date.now() - startedAt });
        if (log.length > MAX_RECORDED_REQUESTS) log = log.slice(-MAX_RECORDED_REQUESTS);
      };
    },
    requests: () => [...log],
    stats: () => ({
      total,
      byPath: Object.fromEntries(byPath),
      byOutcome: Object.fromEntries(byOutcome),
      byReason: Object.fromEntries(byReason),
      rejectedNonces,
      inFlight,
      maxInFlightByKey: Object.fromEntries(maxInFlightByKey),
    }),
    clear() {
      log = [];
      byPath = new Map();
      byOutcome = new Map();
      byReason = new Map();
      maxInFlightByKey = new Map();
      rejectedNonces = 0;
      total = 0;
    },
  };
}
