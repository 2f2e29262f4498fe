/** Shared class names of the alerts delivery sections (one look for every button and field). */
export const PRIMARY_BUTTON =
  "rounded-md bg-sky-800 px-3 py-1.5 text-sm font-medium text-white shadow-xs hover:bg-sky-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60 dark:bg-sky-300 dark:text-slate-950 dark:hover:bg-sky-200 dark:focus-visible:outline-sky-400";
export const SECONDARY_BUTTON =
  "rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60 dark:border-slate-600 dark:text-slate-100 dark:hover:bg-slate-800 dark:focus-visible:outline-sky-400";
export const DANGER_BUTTON =
  "rounded-md border border-rose-300 px-2.5 py-1 text-sm font-medium text-rose-800 hover:bg-rose-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-rose-600 disabled:opacity-60 dark:border-rose-800 dark:text-rose-200 dark:hover:bg-rose-950";
export const FIELD =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-50";
export const SECTION = "rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900";
export const MUTED = "text-slate-600 dark:text-slate-400";
