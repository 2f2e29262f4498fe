"use client";

import { downloadText } from "@/lib/treasury/download";

interface ExportCsvButtonProps {
  /** Builds the file when clicked, from what is on screen: { filename, csv }. */
  build(): { filename: string; csv: string };
  disabled?: boolean;
}

/** Saves the figures on screen as CSV, with the exchange's exact values (not the floored display). */
export function ExportCsvButton({ build, disabled = false }: ExportCsvButtonProps) {
  return (
    <button
      type="button"
      disabled={disabled}
      onClick={() => {
        const { filename, csv } = build();
        downloadText(filename, csv, "text/csv;charset=utf-8");
      }}
      className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700 dark:focus-visible:outline-sky-400"
    >
      Export CSV
    </button>
  );
}
