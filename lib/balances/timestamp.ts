const NANOS_PER_MS = 1_000_000n;
const DIGITS = /^\d+$/;
const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Gemini's `_timestamp` (integer nanoseconds or ISO-8601 with a fraction) as exact nanoseconds. */
export function timestampNanos(timestamp: string): bigint | null {
  if (DIGITS.test(timestamp)) return BigInt(timestamp);
  const match = ISO.exec(timestamp);
  if (!match) return null;
  const [, wholeSeconds, fraction = "", zone] = match;
  const ms = Date.parse(`${wholeSeconds}${zone}`); // whole seconds: an exact integer of ms
  if (Number.isNaN(ms)) return null;
  return BigInt(ms) * NANOS_PER_MS + BigInt(fraction.padEnd(9, "0"));
}

/** Orders two timestamps exactly; null or unreadable sorts first, so a known time always wins. */
export function compareTimestamps(a: string | null, b: string | null): -1 | 0 | 1 {
  const x = a === null ? null : timestampNanos(a);
  const y = b === null ? null : timestampNanos(b);
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The newest of several timestamps, as its original text. */
export function latestTimestamp(timestamps: Iterable<string>): string | null {
  let latest: string | null = null;
  for (const timestamp of timestamps) {
    if (compareTimestamps(timestamp, latest) > 0) latest = timestamp;
  }
  return latest;
}
