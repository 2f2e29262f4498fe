interface OverviewProgressProps {
  /** Accounts that answered so far. */
  done: number;
  /** Accounts the overview covers, or null while the group's list is not known yet. */
  total: number | null;
}

/** How far the one-after-another loading of the group's accounts has come. */
export function OverviewProgress({ done, total }: OverviewProgressProps) {
  return (
    <div role="status" className="flex items-center gap-3 text-sm text-slate-600 dark:text-slate-300">
      <progress
        value={done}
        max={Math.max(total ?? 0, 1)}
        aria-label="Accounts loaded"
        className="h-2 w-48 accent-sky-700 dark:accent-sky-400"
      />
      <span data-testid="overview-progress">
        {total === null ? "Loading the group's accounts…" : `Loading accounts: ${done} of ${total}`}
      </span>
    </div>
  );
}
