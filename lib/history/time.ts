/** UTC date-time text for history views. Client-safe; no local time zone ever enters. */
import { timestampNanos } from "@/lib/balances/timestamp";

const NANOS_PER_MS = 1_000_000n;

/** "2026-11-30 23:59" (minutes) or "2026-11-30 23:59:04" (seconds), in UTC; null for an unreadable time. */
export function utcDateTime(iso: string, { seconds = false }: { seconds?: boolean } = {}): string | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const text = new Date(ms).toISOString(); // always UTC: "2026-11-30T23:59:04.123Z"
  return `${text.slice(0, 10)} ${text.slice(11, seconds ? 19 : 16)}`;
}

/** "2026-11-30" of an ISO time, in UTC. */
export function utcDate(iso: string): string | null {
  return utcDateTime(iso)?.slice(0, 10) ?? null;
}

/** Gemini's `_timestamp` (nanoseconds or ISO) as UTC text to the second, or the raw text when unreadable. */
export function exchangeTime(timestamp: string | null): string | null {
  if (timestamp === null) return null;
  const nanos = timestampNanos(timestamp);
  if (nanos === null) return timestamp;
  return utcDateTime(new Date(Number(nanos / NANOS_PER_MS)).toISOString(), { seconds: true }) ?? timestamp;
}
