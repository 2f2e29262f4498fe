const ROWS = 5;
const COLUMNS = 4;

/** Shown only while nothing at all is known yet. */
export function TableSkeleton() {
  return (
    <div aria-busy="true" className="p-3">
      <p className="sr-only" role="status">
        Loading balances…
      </p>
      <div aria-hidden="true" className="space-y-3">
        {Array.from({ length: ROWS }, (_, row) => (
          <div key={row} className="flex gap-6">
            {Array.from({ length: COLUMNS }, (_, column) => (
              <div key={column} className="h-4 flex-1 rounded bg-slate-200 motion-safe:animate-pulse dark:bg-slate-700" />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
