"use client";

import { Bar, BarChart, LabelList, XAxis, YAxis } from "recharts";
import type { AllocationSlice } from "@/lib/treasury/overview";

/** Pixels per currency bar, and what the axes take; the chart grows with the number of currencies. */
const BAR_ROW_PX = 32;
const AXIS_PX = 28;
const CHART_MAX_WIDTH_PX = 560;
const LABEL_WIDTH_PX = 56;

interface AllocationChartProps {
  slices: readonly AllocationSlice[];
  /** Upper-case valuation currency, e.g. "USD". */
  currency: string;
}

/**
 * Horizontal bars of each currency's share of the value (bars read more exactly than pie slices).
 * Loaded on demand (recharts is large); colours come from CSS so the chart follows dark mode.
 */
export default function AllocationChart({ slices, currency }: AllocationChartProps) {
  const data = slices.map((slice) => ({ currency: slice.currency, share: slice.share * 100, label: `${slice.percent}%` }));
  const description = slices.map((slice) => `${slice.currency} ${slice.percent}%`).join(", ");
  return (
    <div
      role="img"
      aria-label={`Allocation by currency, weighted by ${currency} value: ${description}`}
      data-testid="allocation-chart"
      className="min-w-0 text-slate-600 dark:text-slate-300 [&_.recharts-rectangle]:fill-sky-600 dark:[&_.recharts-rectangle]:fill-sky-400"
    >
      {/* The table beside the chart is the accessible equivalent, so the SVG takes no keyboard focus. */}
      <BarChart
        responsive
        style={{ width: "100%", maxWidth: CHART_MAX_WIDTH_PX, height: slices.length * BAR_ROW_PX + AXIS_PX }}
        accessibilityLayer={false}
        data={data}
        layout="vertical"
        margin={{ top: 4, right: 48, bottom: 4, left: 4 }}
      >
        <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fill: "currentColor", fontSize: 12 }} stroke="currentColor" />
        <YAxis type="category" dataKey="currency" width={LABEL_WIDTH_PX} tick={{ fill: "currentColor", fontSize: 12 }} stroke="currentColor" />
        <Bar dataKey="share" isAnimationActive={false}>
          <LabelList dataKey="label" position="right" fill="currentColor" fontSize={12} />
        </Bar>
      </BarChart>
    </div>
  );
}
