"use client";

import dynamic from "next/dynamic";
import { AllocationTable } from "@/components/treasury/allocation-table";
import type { AllocationSlice } from "@/lib/treasury/overview";

// recharts is loaded only when a chart is shown, keeping it out of the dashboard's first-load JS.
const AllocationChart = dynamic(() => import("@/components/treasury/allocation-chart"), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-500 dark:text-slate-400">Loading chart…</p>,
});

interface AllocationPanelProps {
  slices: readonly AllocationSlice[];
  currency: string;
  /** What is allocated, e.g. "Treasury Reserve" or "all accounts". */
  scope: string;
}

/** The allocation by currency, value-weighted: a chart and the same figures as a table. */
export function AllocationPanel({ slices, currency, scope }: AllocationPanelProps) {
  const headingId = `allocation-${scope.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id={headingId} className="border-b border-slate-200 px-4 py-3 text-base font-semibold dark:border-slate-800">
        Allocation by currency, {scope}
        <span className="ml-2 text-sm font-normal text-slate-500 dark:text-slate-400">weighted by {currency} value</span>
      </h2>
      {slices.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">Nothing of value to allocate.</p>
      ) : (
        <div className="grid gap-4 p-4 md:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
          <AllocationChart slices={slices} currency={currency} />
          <AllocationTable slices={slices} currency={currency} caption={`Allocation of ${scope} by currency`} />
        </div>
      )}
    </section>
  );
}
