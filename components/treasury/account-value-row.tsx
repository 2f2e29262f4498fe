import Link from "next/link";
import { memo } from "react";
import { toDashboardError } from "@/lib/balances/api-error";
import { formatAmount } from "@/lib/balances/format";
import type { OverviewAccountRow } from "@/lib/treasury/overview-model";
import { VALUE_DISPLAY_DECIMALS } from "@/lib/treasury/types";
import { StakedValueCell } from "@/components/treasury/staked-value-cell";
import { StoredAgeCell } from "@/components/treasury/stored-age-cell";
import { accountHref } from "@/lib/treasury/connection-rows";

/**
 * One account of the group: its name (a link to its balances), its value (staked included),
 * failure or loading state, its staked value and, from the store, its age. Memoized: a group has
 * hundreds, and a row re-renders only when its own figures change.
 */
export const AccountValueRow = memo(function AccountValueRow({ row: { account, total, staking, error, stored }, currency, ages }: { row: OverviewAccountRow; currency: string; ages: boolean }) {
  return (
    <tr data-account={account.account} data-connection={account.connection} data-refreshing={stored?.refreshing ? "true" : undefined}>
      <th scope="row" className="px-3 py-2 text-left font-normal">
        {/* Not prefetched: hundreds of links, each a dynamic page read only if opened. */}
        <Link href={accountHref(account)} prefetch={false} className="font-semibold text-sky-800 hover:underline dark:text-sky-300">
          {account.name || account.account}
        </Link>
        {account.name && account.name !== account.account && <span className="ml-2 text-slate-500 dark:text-slate-400">{account.account}</span>}
        {account.connection !== undefined && (
          <span className="ml-2 rounded-sm bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
            <span className="sr-only">connection </span>
            {account.connection}
          </span>
        )}
      </th>
      <td className="px-3 py-2 text-right tabular-nums">
        {total !== undefined ? (
          <data value={total} title={`${total} in ${currency}`} data-exact={total}>
            {formatAmount(total, VALUE_DISPLAY_DECIMALS)}
          </data>
        ) : error ? (
          <span className="text-red-700 dark:text-red-300">{toDashboardError(error).message}</span>
        ) : (
          <span className="text-slate-400 dark:text-slate-500">{stored ? "Not read yet" : "Loading…"}</span>
        )}
      </td>
      <StakedValueCell staking={staking} currency={currency} />
      {ages && <StoredAgeCell state={stored} />}
    </tr>
  );
});
