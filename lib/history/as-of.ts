/**
 * "As of": the dashboard and overview at a past time, kept in the address as `?at=<ISO>`. The
 * picker is a native datetime-local input read as UTC (it carries no zone of its own). Client-safe.
 */
import { utcDate, utcDateTime } from "@/lib/history/time";

export const AS_OF_PARAM = "at";

const MS_PER_HOUR = 3_600_000;
/** "Change since" compares with the snapshot this long before now. */
export const CHANGE_SINCE_MS = 24 * MS_PER_HOUR;
/**
 * A snapshot older than this before the 24 h mark would make "Change (24 h)" a change over days:
 * then there is none to show. A day covers Vercel Hobby's one cron snapshot a day.
 */
export const CHANGE_SINCE_SLACK_MS = 24 * MS_PER_HOUR;
const MS_PER_MINUTE = 60_000;

interface ParamSource {
  get(name: string): string | null;
}

/** The `at` of the address as written, or null for the live view. The API judges whether it is valid. */
export function readAsOf(params: ParamSource): string | null {
  const at = params.get(AS_OF_PARAM)?.trim();
  return at ? at : null;
}

/** ISO text -> the datetime-local input's "YYYY-MM-DDTHH:mm", in UTC; "" when unreadable. */
export function toPickerValue(iso: string | null): string {
  if (iso === null) return "";
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? "" : new Date(ms).toISOString().slice(0, 16);
}

const PICKER_VALUE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** The input's "YYYY-MM-DDTHH:mm", taken as UTC -> "2026-11-30T23:59:00Z"; null when incomplete. */
export function fromPickerValue(value: string): string | null {
  if (!PICKER_VALUE.test(value)) return null;
  const ms = Date.parse(`${value.length === 16 ? `${value}:00` : value}Z`);
  if (Number.isNaN(ms)) return null;
  return new Date(ms).toISOString().replace(".000Z", "Z");
}

/** The address query with `at` set (or removed for live), other parameters kept. */
export function asOfSearch(current: string, at: string | null): string {
  const params = new URLSearchParams(current);
  if (at === null) params.delete(AS_OF_PARAM);
  else params.set(AS_OF_PARAM, at);
  const search = params.toString();
  return search ? `?${search}` : "";
}

/**
 * "As of 2026-11-30 23:59 UTC, snapshot taken 23:00:04". The snapshot's date is named too when it
 * is not the day asked for, so an old snapshot never passes for a recent one.
 */
export function asOfBanner(at: string, takenAt: string): string {
  const asked = utcDateTime(at) ?? at;
  const taken = utcDateTime(takenAt, { seconds: true }) ?? takenAt;
  const sameDay = utcDate(at) !== null && utcDate(at) === utcDate(takenAt);
  return `As of ${asked} UTC, snapshot taken ${sameDay ? taken.slice(11) : `${taken} UTC`}`;
}

/**
 * The `at` for "change since 24 h": now minus a day, floored to the minute so the query (and its
 * cache key) stays the same for a minute rather than changing on every render.
 */
export function changeSinceAt(nowMs: number): string {
  const floored = Math.floor(nowMs / MS_PER_MINUTE) * MS_PER_MINUTE;
  return new Date(floored - CHANGE_SINCE_MS).toISOString();
}

/** Whether a snapshot taken at `takenAt` can stand for "24 h earlier" than `at` + 24 h. */
export function comparableSnapshot(at: string, takenAt: string): boolean {
  return Date.parse(takenAt) >= Date.parse(at) - CHANGE_SINCE_SLACK_MS;
}
