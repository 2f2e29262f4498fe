interface RefreshButtonProps {
  busy: boolean;
  onRefresh(): void;
}

export function RefreshButton({ busy, onRefresh }: RefreshButtonProps) {
  return (
    <button
      type="button"
      onClick={onRefresh}
      aria-busy={busy}
      className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700 dark:focus-visible:outline-sky-400"
    >
      <svg aria-hidden="true" viewBox="0 0 20 20" className={`size-4 ${busy ? "motion-safe:animate-spin" : ""}`}>
        <path
          d="M16 10a6 6 0 1 1-1.76-4.24M16 4v3.5h-3.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.75"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      Refresh
    </button>
  );
}
