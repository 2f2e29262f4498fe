/** The class names of the rules and events sections, so a rule's buttons and fields look alike everywhere. */
export const FRAME = "rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900";
export const HEADING = "border-b border-slate-200 px-4 py-3 text-base font-semibold dark:border-slate-800";
const FOCUS = "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400";
export const PRIMARY_BUTTON = `rounded-md bg-sky-800 px-3 py-1.5 text-sm font-medium text-white shadow-xs hover:bg-sky-900 disabled:opacity-60 dark:bg-sky-300 dark:text-slate-950 dark:hover:bg-sky-200 ${FOCUS}`;
export const SECONDARY_BUTTON = `rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-900 hover:bg-slate-50 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700 ${FOCUS}`;
export const DANGER_BUTTON = `rounded-md bg-rose-800 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-900 disabled:opacity-60 dark:bg-rose-300 dark:text-slate-950 dark:hover:bg-rose-200 ${FOCUS}`;
export const FIELD = `w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-900 shadow-xs dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 ${FOCUS}`;
export const LABEL = "text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-300";
export const HINT = "text-xs text-slate-600 dark:text-slate-300";
