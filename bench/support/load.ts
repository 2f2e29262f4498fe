/** One autocannon run, keeping every response time (autocannon's own histogram has 1 ms buckets). */
import autocannon from "autocannon";

export interface LoadResult {
  /** Milliseconds, one per 2xx response. */
  latencies: number[];
  ok: number;
  failed: number;
  statusCodes: Record<number, number>;
}

export type LoadOptions = Pick<
  autocannon.Options,
  "url" | "connections" | "duration" | "amount" | "requests" | "method" | "headers" | "connectionRate" | "overallRate" | "timeout"
>;

export function load(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const statusCodes: Record<number, number> = {};
  let ok = 0;
  let failed = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: unknown) => {
      if (error) reject(error instanceof Error ? error : new Error(String(error)));
      else resolve({ latencies, ok, failed, statusCodes });
    });
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) {
        ok += 1;
        latencies.push(responseTime);
      } else {
        failed += 1;
      }
    });
    instance.on("reqError", () => {
      failed += 1;
    });
  });
}
