import { BalancesTable } from "@/components/shared/balances-table";
import type { BalanceColumn } from "@/lib/balances/columns";
import type { Balance } from "@/lib/balances/types";

interface ConsolidatedSectionProps {
  rows: readonly Balance[];
  columns: readonly BalanceColumn[];
  hiddenZeroCount: number;
  /** Accounts summed so far, and how many the overview covers. */
  ready: number;
  of: number;
  complete: boolean;
}

/** Each currency summed across the accounts loaded so far; zero sums left out and counted. */
export function ConsolidatedSection({ rows, columns, hiddenZeroCount, ready, of, complete }: ConsolidatedSectionProps) {
  return (
    <section
      aria-labelledby="overview-consolidated"
      className="rounded-lg border border-slate-200 bg-white shadow-xs dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="overview-consolidated" className="border-b border-slate-200 px-4 py-3 text-base font-semibold dark:border-slate-800">
        Per currency, across {complete ? "all accounts" : `${ready} of ${of} accounts`}
        {hiddenZeroCount > 0 && (
          <span className="ml-2 text-sm font-normal text-slate-500 dark:text-slate-400">
            {hiddenZeroCount} zero {hiddenZeroCount === 1 ? "balance" : "balances"} not shown
          </span>
        )}
      </h2>
      <div className="overflow-x-auto">
        <BalancesTable balances={rows} columns={columns} caption="Balances summed per currency across accounts" />
      </div>
    </section>
  );
}
