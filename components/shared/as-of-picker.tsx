"use client";

import type { FormEvent } from "react";
import { fromPickerValue, toPickerValue } from "@/lib/history/as-of";

interface AsOfPickerProps {
  /** The time shown now (ISO), or null for live. */
  at: string | null;
  onChange(at: string | null): void;
  /** Whether "Live" is offered (the statement page has no live view). */
  allowLive?: boolean;
  submitLabel?: string;
}

const FIELD_NAME = "at";

const FIELD =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:[color-scheme:dark] dark:focus-visible:outline-sky-400";
export const BUTTON =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700 dark:focus-visible:outline-sky-400";

/**
 * A date and time in UTC (the native input has no zone: it is labelled so, and read so). The field
 * is read when the form is sent, not kept in state: a time typed before the page hydrated counts.
 */
export function AsOfPicker({ at, onChange, allowLive = true, submitLabel = "Show" }: AsOfPickerProps) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const chosen = fromPickerValue(String(new FormData(event.currentTarget).get(FIELD_NAME) ?? ""));
    if (chosen !== null) onChange(chosen);
  };
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2 print:hidden" aria-label="Show balances as of a past time">
      <div className="flex flex-col gap-1">
        <label htmlFor="as-of" className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
          As of (UTC)
        </label>
        {/* Keyed by the address's time: back, forward or "Back to live" show that time, not a stale draft. */}
        <input key={at ?? "live"} id="as-of" name={FIELD_NAME} type="datetime-local" step={60} required defaultValue={toPickerValue(at)} className={FIELD} />
      </div>
      <button type="submit" className={BUTTON}>
        {submitLabel}
      </button>
      {allowLive && at !== null && (
        <button type="button" onClick={() => onChange(null)} className={BUTTON}>
          Back to live
        </button>
      )}
    </form>
  );
}
