import { useNow } from "@/components/shared/use-now";
import { formatAge } from "@/lib/balances/age";
import type { StoredReadingState } from "@/lib/treasury/overview-model";

/**
 * How old an account's stored figures are, whether a refresh is on its way, and a failed refresh's
 * code. It reads the clock itself, so a tick re-renders the ages and not the whole table.
 */
export function StoredAgeCell({ state }: { state: StoredReadingState | null }) {
  const now = useNow();
  const age = state?.asOf ? (now === null ? null : formatAge(now - Date.parse(state.asOf))) : null;
  return (
    <td className="px-3 py-2 text-left text-slate-600 dark:text-slate-300" data-testid="account-age">
      {state?.asOf && (
        <time dateTime={state.asOf} title={state.asOf}>
          {age === null ? "as of " + state.asOf.slice(11, 16) + " UTC" : `as of ${age}`}
        </time>
      )}
      {state?.refreshing && <span className="ml-2 text-sky-800 dark:text-sky-300">Refreshing…</span>}
      {state?.refreshError && (
        <span className="ml-2 text-rose-800 dark:text-rose-300">Refresh failed ({state.refreshError}); last good figures</span>
      )}
    </td>
  );
}
