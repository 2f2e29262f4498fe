/** The history chart's ranges and the window each asks the API for. Client-safe. */
import type { HistoryStepJson } from "@/lib/snapshots/types";

export const HISTORY_RANGES = ["7d", "30d", "90d", "1y", "all"] as const;
export type HistoryRange = (typeof HISTORY_RANGES)[number];
export const DEFAULT_HISTORY_RANGE: HistoryRange = "30d";

export const RANGE_LABELS: Readonly<Record<HistoryRange, string>> = {
  "7d": "7 days",
  "30d": "30 days",
  "90d": "90 days",
  "1y": "1 year",
  all: "All",
};

export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

const RANGE_DAYS: Readonly<Record<Exclude<HistoryRange, "all">, number>> = { "7d": 7, "30d": 30, "90d": 90, "1y": 365 };
/** "All" asks from here: before any snapshot this dashboard can hold. */
const ALL_FROM_MS = Date.UTC(2000, 0, 1);
/** Hourly points where a week has them (168); daily beyond, within the API's 31-day limit for hours. */
const HOURLY_UP_TO_DAYS = 7;

export interface HistoryWindow {
  from: string;
  to: string;
  step: HistoryStepJson;
  /** "All" starts the chart at the first snapshot rather than at `from`. */
  fromFirstPoint: boolean;
}

export function isHistoryRange(value: string | null): value is HistoryRange {
  return value !== null && (HISTORY_RANGES as readonly string[]).includes(value);
}

/** The window of a range ending at `nowMs` (ceiled to the minute, so a snapshot just taken is inside). */
export function historyWindow(range: HistoryRange, nowMs: number): HistoryWindow {
  const toMs = Math.ceil(nowMs / 60_000) * 60_000;
  if (range === "all") {
    return { from: new Date(ALL_FROM_MS).toISOString(), to: new Date(toMs).toISOString(), step: "day", fromFirstPoint: true };
  }
  const days = RANGE_DAYS[range];
  return {
    from: new Date(toMs - days * MS_PER_DAY).toISOString(),
    to: new Date(toMs).toISOString(),
    step: days <= HOURLY_UP_TO_DAYS ? "hour" : "day",
    fromFirstPoint: false,
  };
}

export function stepMs(step: HistoryStepJson): number {
  return step === "hour" ? MS_PER_HOUR : MS_PER_DAY;
}

/** The start of the UTC hour or day that holds `ms`. */
export function bucketStart(ms: number, step: HistoryStepJson): number {
  const size = stepMs(step);
  return Math.floor(ms / size) * size;
}
