import { formatAmount } from "@/lib/balances/format";
import { noStakingText, valuedStakedTotal } from "@/lib/treasury/staking";
import { VALUE_DISPLAY_DECIMALS, type ValuedStaking } from "@/lib/treasury/types";

/** An account's staked value (part of its value, never of its available), or why it has none. */
export function StakedValueCell({ staking, currency }: { staking: ValuedStaking | null; currency: string }) {
  const reason = staking ? noStakingText(staking) : null;
  const staked = staking?.state === "staked" && staking.balances.length > 0 ? valuedStakedTotal(staking) : null;
  return (
    <td className="px-3 py-2 text-right tabular-nums" data-testid="account-staked">
      {reason !== null ? (
        <span className="text-slate-600 dark:text-slate-300">{reason}</span>
      ) : staked !== null ? (
        <data value={staked} title={`${staked} in ${currency}, staked`} data-exact={staked}>
          {formatAmount(staked, VALUE_DISPLAY_DECIMALS)}
        </data>
      ) : (
        <span aria-label="none" className="text-slate-400 dark:text-slate-500">
          —
        </span>
      )}
    </td>
  );
}
