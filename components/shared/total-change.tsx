import { formatChange } from "@/lib/history/change";
import { utcDateTime } from "@/lib/history/time";
import { VALUE_DISPLAY_DECIMALS } from "@/lib/treasury/types";

/** A total's change since the snapshot 24 h earlier, signed and floored to cents; exact in data-exact. */
export function TotalChange({ change, currency, since }: { change: string; currency: string; since: string | null }) {
  const snapshot = since === null ? "" : ` since the snapshot of ${utcDateTime(since, { seconds: true })} UTC`;
  return (
    <p className="flex flex-col text-right">
      <span className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">Change (24 h)</span>
      <span className="text-lg tabular-nums" title={`${change} in ${currency}${snapshot}`} data-exact={change} data-testid="total-change">
        {formatChange(change, VALUE_DISPLAY_DECIMALS)} <span className="text-sm">{currency}</span>
      </span>
    </p>
  );
}
