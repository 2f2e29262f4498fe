import "server-only";

const NANOS_PER_MILLI = 1_000_000n;
const NANOS_PER_MICRO = 1_000n;

export function wallClockNanos(): bigint {
  return BigInt(Date.now()) * NANOS_PER_MILLI;
}

/**
 * Server-side `_timestamp` source: strictly increasing even within one millisecond, and at the
 * resolution the output can show (1 ns for integers, 1 µs for ISO strings) so that no two
 * responses ever print the same value.
 */
export function createMonotonicClock(now: () => bigint, style: "nanos" | "iso"): () => bigint {
  const step = style === "iso" ? NANOS_PER_MICRO : 1n;
  let last = 0n;
  return () => {
    let next = (now() / step) * step;
    if (next <= last) next = last + step;
    last = next;
    return next;
  };
}

/** ISO-8601 with microseconds, e.g. 2024-03-16T00:00:00.123456Z. */
export function nanosToIso(nanos: bigint): string {
  const millis = nanos / NANOS_PER_MILLI;
  const micros = (nanos / NANOS_PER_MICRO) % 1_000_000n;
  const seconds = new Date(Number(millis)).toISOString().slice(0, 19);
  return `${seconds}.${micros.toString().padStart(6, "0")}Z`;
}
