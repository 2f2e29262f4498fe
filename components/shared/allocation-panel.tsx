"use client";

import dynamic from "next/dynamic";
import { useState, type ReactNode } from "react";
import { AllocationTable } from "@/components/shared/allocation-table";
import type { AllocationSlice } from "@/lib/treasury/overview";

// recharts is fetched only when a chart is shown, keeping it out of the dashboard's first-load JS.
const AllocationChart = dynamic(() => import("@/components/shared/allocation-chart"), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-500 dark:text-slate-400">Loading chart…</p>,
});

interface AllocationPanelProps {
  slices: readonly AllocationSlice[];
  currency: string;
  /** What is allocated, e.g. "Treasury Reserve" or "all accounts". */
  scope: string;
  /** Closed until asked for (the balances page, where the table comes first); open otherwise. */
  collapsible?: boolean;
}

const FRAME = "rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900";

/** The allocation by currency, value-weighted: a chart and the same figures as a table. */
export function AllocationPanel({ slices, currency, scope, collapsible = false }: AllocationPanelProps) {
  const [open, setOpen] = useState(!collapsible);
  const heading = (
    <>
      Allocation by currency, {scope}
      <span className="ml-2 text-sm font-normal text-slate-500 dark:text-slate-400">weighted by {currency} value</span>
    </>
  );
  const body: ReactNode =
    slices.length === 0 ? (
      <p className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">Nothing of value to allocate.</p>
    ) : (
      <div className="grid gap-4 p-4 md:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
        <AllocationChart slices={slices} currency={currency} />
        <AllocationTable slices={slices} currency={currency} caption={`Allocation of ${scope} by currency`} />
      </div>
    );

  if (collapsible) {
    return (
      <details className={FRAME} onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary className="cursor-pointer px-4 py-3 text-base font-semibold focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400">
          {heading}
        </summary>
        {open && <div className="border-t border-slate-200 dark:border-slate-800">{body}</div>}
      </details>
    );
  }
  return (
    <section aria-label={`Allocation by currency, ${scope}`} className={FRAME}>
      <h2 className="border-b border-slate-200 px-4 py-3 text-base font-semibold dark:border-slate-800">{heading}</h2>
      {open && body}
    </section>
  );
}
