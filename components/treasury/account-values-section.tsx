import { AccountValueRow } from "@/components/treasury/account-value-row";
import { accountKey } from "@/lib/treasury/connection-rows";
import type { OverviewAccountRow } from "@/lib/treasury/overview-model";
import type { SkipReason, SkippedAccount } from "@/lib/treasury/types";

const SKIP_REASON_TEXT: Record<SkipReason, string> = {
  custody: "custody account, no exchange balances",
  closed: "closed",
};

interface AccountValuesSectionProps {
  accounts: readonly OverviewAccountRow[];
  skipped: readonly SkippedAccount[];
  /** Upper-case valuation currency. */
  currency: string;
  /** Read from the store: each row says how old its figures are. */
  ages: boolean;
}

/** The value of each account the overview covers, and which accounts of the group it leaves out. */
export function AccountValuesSection({ accounts, skipped, currency, ages }: AccountValuesSectionProps) {
  return (
    <section
      aria-labelledby="overview-accounts"
      className="rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900"
    >
      <h1 id="overview-accounts" className="border-b border-slate-200 px-4 py-3 text-lg font-semibold tracking-tight dark:border-slate-800">
        All accounts
      </h1>
      <div className="overflow-x-auto">
        <table className="w-full min-w-max border-collapse text-sm">
          <caption className="sr-only">Value of each open exchange account in {currency}</caption>
          <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase dark:border-slate-700 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                Account
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Value ({currency})
              </th>
              <th scope="col" className="px-3 py-2 text-right font-medium">
                Of which staked
              </th>
              {ages && (
                <th scope="col" className="px-3 py-2 text-left font-medium">
                  As of
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {accounts.map((row) => (
              <AccountValueRow key={accountKey(row.account)} row={row} currency={currency} ages={ages} />
            ))}
          </tbody>
        </table>
      </div>
      {skipped.length > 0 && (
        <p className="border-t border-slate-200 px-4 py-2 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
          Not included: {skipped.map((account) => `${account.name || account.account} (${SKIP_REASON_TEXT[account.reason]})`).join("; ")}.
        </p>
      )}
    </section>
  );
}
