import { formatAge } from "@/lib/balances/age";
import { useNow } from "@/components/shared/use-now";

interface FreshnessProps {
  receivedAt: number;
  stale: boolean;
}

/** "Updated 12 s ago", ticking; marked stale when the last refresh failed. */
export function Freshness({ receivedAt, stale }: FreshnessProps) {
  const now = useNow();
  const age = now === null ? "just now" : formatAge(now - receivedAt);
  if (stale) {
    return (
      <p data-testid="freshness" className="text-sm font-medium text-amber-800 dark:text-amber-300">
        <span className="mr-1.5 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold tracking-wide uppercase dark:bg-amber-900/60">
          Stale
        </span>
        Last good figures, updated {age}
      </p>
    );
  }
  return (
    <p data-testid="freshness" className="text-sm text-slate-500 dark:text-slate-400">
      Updated {age}
    </p>
  );
}
