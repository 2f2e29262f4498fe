import type { StoredOverviewResponse } from "@/lib/treasury/types";

interface RefreshStatusProps {
  refresh: Extract<StoredOverviewResponse, { source: "store" }>["refresh"];
  /** Accounts shown. */
  accounts: number;
}

/** Whether the server is refreshing the group now, how far it has come, or why the last refresh failed. */
export function RefreshStatus({ refresh, accounts }: RefreshStatusProps) {
  let text: string;
  if (refresh.running) text = `Refreshing accounts in the background: ${refresh.read} of ${refresh.of}`;
  else if (refresh.error) text = `The last refresh failed (${refresh.error}); showing the last good figures with their age.`;
  else if (accounts === 0) text = "Reading the group's accounts…";
  else text = "Figures from the history store, each with its age; refreshed in the background when older than 5 minutes.";
  return (
    <p role="status" data-testid="overview-refresh" className="text-sm text-slate-600 dark:text-slate-300">
      {refresh.running && (
        <progress value={refresh.read} max={Math.max(refresh.of, 1)} aria-label="Accounts refreshed" className="mr-3 h-2 w-48 align-middle accent-sky-700 dark:accent-sky-400" />
      )}
      {text}
    </p>
  );
}
