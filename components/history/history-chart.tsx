"use client";

import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { formatAmount } from "@/lib/balances/format";
import type { HistoryStepJson } from "@/lib/snapshots/types";
import type { ChartRow } from "@/lib/history/series";

const CHART_HEIGHT_PX = 240;
const Y_AXIS_WIDTH_PX = 64;

interface HistoryChartProps {
  rows: readonly ChartRow[];
  series: "totalY" | "amountY";
  /** A second, dashed line for the staked part of the total (its exact figures are in the table). */
  stakedLabel?: string;
  step: HistoryStepJson;
  /** What the line is, e.g. "Total value (USD)" or "BTC amount". */
  label: string;
  /** Decimals shown in the tooltip, floored. */
  decimals: number;
  testId: string;
}

const axisDate = (step: HistoryStepJson) => (ms: number) => {
  const iso = new Date(ms).toISOString();
  return step === "hour" ? `${iso.slice(5, 10)} ${iso.slice(11, 13)}h` : iso.slice(0, 10);
};

/** Compact axis figures ("1.2M"): the exact, floored figures are in the tooltip and the table. */
const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 2 });

/**
 * One line over time. A bucket without a snapshot is null and breaks the line (connectNulls off):
 * a gap is shown as a gap, never bridged. Loaded on demand; colours follow dark mode through CSS.
 */
export default function HistoryChart({ rows, series, stakedLabel, step, label, decimals, testId }: HistoryChartProps) {
  const exact = series === "totalY" ? "totalUsd" : "amount";
  const plotted = rows.filter((row) => row[series] !== null).length;
  const stakedPlotted = stakedLabel === undefined ? 0 : rows.filter((row) => row.stakedY !== null && row.stakedY > 0).length;
  // A snapshot between two gaps has no line to be part of: it gets a dot so it is seen.
  const isolated = (index: number) =>
    rows[index]?.[series] != null && (rows[index - 1]?.[series] ?? null) === null && (rows[index + 1]?.[series] ?? null) === null;
  return (
    <div
      role="img"
      aria-label={`${label} over time${stakedPlotted > 0 ? `, and ${stakedLabel} dashed` : ""}: ${plotted} of ${rows.length} ${step === "hour" ? "hours" : "days"} have a snapshot; the table below lists every figure.`}
      data-testid={testId}
      data-points={plotted}
      data-staked-points={stakedLabel === undefined ? undefined : stakedPlotted}
      data-buckets={rows.length}
      className="min-w-0 text-slate-600 dark:text-slate-300 [&_.history-staked-line_.recharts-line-curve]:stroke-emerald-700 dark:[&_.history-staked-line_.recharts-line-curve]:stroke-emerald-300 [&_.recharts-line-curve]:stroke-sky-700 dark:[&_.recharts-line-curve]:stroke-sky-300 [&_.recharts-cartesian-grid_line]:stroke-slate-200 dark:[&_.recharts-cartesian-grid_line]:stroke-slate-700"
    >
      <LineChart responsive style={{ width: "100%", height: CHART_HEIGHT_PX }} accessibilityLayer={false} data={[...rows]} margin={{ top: 8, right: 12, bottom: 4, left: 4 }}>
        <CartesianGrid vertical={false} />
        <XAxis dataKey="at" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={axisDate(step)} tick={{ fill: "currentColor", fontSize: 12 }} stroke="currentColor" minTickGap={24} />
        <YAxis width={Y_AXIS_WIDTH_PX} tickFormatter={(value: number) => compact.format(value)} tick={{ fill: "currentColor", fontSize: 12 }} stroke="currentColor" domain={["auto", "auto"]} />
        <Tooltip
          labelFormatter={(value) => `${axisDate(step)(Number(value))} UTC`}
          formatter={(_value, name, item) => {
            const row = item.payload as ChartRow;
            const staked = name === stakedLabel;
            const text = staked ? row.stakedUsd : row[exact];
            return [text === null ? (staked ? "not recorded" : "no snapshot") : formatAmount(text, decimals), staked ? stakedLabel : label];
          }}
          contentStyle={{ color: "#0f172a" }}
        />
        <Line type="linear" dataKey={series} connectNulls={false} dot={({ cx, cy, index }: { cx?: number; cy?: number; index?: number }) =>
            isolated(index ?? -1) && cx !== undefined && cy !== undefined ? (
              <circle key={`dot-${index}`} cx={cx} cy={cy} r={2.5} className="fill-sky-700 dark:fill-sky-300" />
            ) : (
              <g key={`dot-${index}`} />
            )
          } strokeWidth={2} isAnimationActive={false} name={label} />
        {stakedPlotted > 0 && (
          <Line type="linear" dataKey="stakedY" connectNulls={false} dot={false} strokeWidth={1.5} strokeDasharray="5 4" isAnimationActive={false} name={stakedLabel} className="history-staked-line" />
        )}
      </LineChart>
      {stakedPlotted > 0 && (
        <p aria-hidden="true" className="mt-1 flex flex-wrap gap-x-4 text-xs">
          <span>
            <span className="mr-1 inline-block w-5 border-t-2 border-sky-700 align-middle dark:border-sky-300" />
            {label}
          </span>
          <span>
            <span className="mr-1 inline-block w-5 border-t-2 border-dashed border-emerald-700 align-middle dark:border-emerald-300" />
            {stakedLabel}
          </span>
        </p>
      )}
    </div>
  );
}
