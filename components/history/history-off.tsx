/** Why this deployment keeps no balance history, in the one sentence the configuration gives. */
export function HistoryOff({ reason }: { reason: string }) {
  return (
    <p role="status" data-testid="history-off" className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm dark:border-slate-800 dark:bg-slate-900">
      {reason}
    </p>
  );
}
