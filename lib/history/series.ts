/**
 * The history chart's rows: one per UTC bucket of the window, a bucket without a snapshot is a
 * row of nulls (the chart breaks its line there; nothing is interpolated). Client-safe.
 */
import { bucketStart, stepMs, type HistoryWindow } from "@/lib/history/ranges";
import type { ConsolidatedPointJson, HistoryPointJson } from "@/lib/snapshots/types";

/** One connection's point, or every connection's summed. */
export type HistoryBucketJson = HistoryPointJson | ConsolidatedPointJson;

/** More buckets than this is a window the chart cannot draw usefully (and a sign of a bad window). */
const MAX_BUCKETS = 5_000;

export interface ChartRow {
  /** The bucket's start, ms since the epoch (the x axis). */
  at: number;
  /** The snapshots that stand for the bucket (one per connection summed); empty for a gap. */
  snapshotIds: number[];
  /** Connections summed elsewhere with no snapshot in this bucket (the row is then partial). */
  missing: string[];
  takenAt: string | null;
  partial: boolean;
  /** Exact total USD value (staked value included where recorded), or null (gap, or no USD value known). */
  totalUsd: string | null;
  /** Its staked part; null for a gap, a snapshot that did not record staking, or an unknown value. */
  stakedUsd: string | null;
  /** The snapshot recorded staking (false: older, its staked holdings unknown). */
  stakingRecorded: boolean;
  /** Exact amount of the chosen currency, or null. */
  amount: string | null;
  /** The chosen currency's staked amount, apart from `amount`; null when none is recorded. */
  stakedAmount: string | null;
  /** For the chart's geometry only: floats never reach a figure shown as text. */
  totalY: number | null;
  stakedY: number | null;
  amountY: number | null;
}

/** Every currency any point holds, A-Z. */
export function historyCurrencies(points: readonly HistoryBucketJson[]): string[] {
  const currencies = new Set<string>();
  for (const point of points) for (const currency of Object.keys(point.currencies)) currencies.add(currency);
  return [...currencies].sort();
}

function plot(value: string | null): number | null {
  return value === null ? null : Number(value);
}

/** The chart's rows for `window`, with the chosen currency's amounts (or none). */
export function chartSeries(points: readonly HistoryBucketJson[], window: HistoryWindow, currency: string | null): ChartRow[] {
  const byBucket = new Map<number, HistoryBucketJson>();
  for (const point of points) byBucket.set(bucketStart(Date.parse(point.at), window.step), point);
  const first = Math.min(...byBucket.keys());
  const fromMs = bucketStart(Date.parse(window.from), window.step);
  const start = window.fromFirstPoint ? (byBucket.size > 0 ? first : bucketStart(Date.parse(window.to), window.step)) : fromMs;
  const end = bucketStart(Date.parse(window.to), window.step);
  const size = stepMs(window.step);
  if ((end - start) / size > MAX_BUCKETS) throw new RangeError(`history window of more than ${MAX_BUCKETS} buckets`);

  const rows: ChartRow[] = [];
  for (let at = start; at <= end; at += size) {
    const point = byBucket.get(at);
    const amount = (currency !== null && point?.currencies[currency]?.amount) || null;
    const totalUsd = point?.totalUsd ?? null;
    rows.push({
      at,
      snapshotIds: point === undefined ? [] : "snapshotIds" in point ? point.snapshotIds : [point.snapshotId],
      missing: point !== undefined && "missing" in point ? point.missing : [],
      takenAt: point?.takenAt ?? null,
      partial: point?.partial ?? false,
      totalUsd,
      stakedUsd: point?.stakedUsd ?? null,
      stakingRecorded: point?.stakingRecorded ?? false,
      amount,
      stakedAmount: (currency !== null && point?.staked[currency]?.amount) || null,
      totalY: plot(totalUsd),
      stakedY: plot(point?.stakedUsd ?? null),
      amountY: plot(amount),
    });
  }
  return rows;
}

/** How many buckets of the rows have no snapshot. */
export function gapCount(rows: readonly ChartRow[]): number {
  return rows.filter((row) => row.snapshotIds.length === 0).length;
}
