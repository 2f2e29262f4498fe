import { AmountCell } from "@/components/shared/amount-cell";
import type { ChartRow } from "@/lib/history/series";
import type { HistoryStepJson } from "@/lib/snapshots/types";
import { NOT_RECORDED_TEXT } from "@/lib/treasury/staking";
import { VALUE_DISPLAY_DECIMALS } from "@/lib/treasury/types";

interface HistoryTableProps {
  rows: readonly ChartRow[];
  step: HistoryStepJson;
  currency: string | null;
  currencyDecimals: number;
}

const bucketLabel = (ms: number, step: HistoryStepJson) => {
  const iso = new Date(ms).toISOString();
  return step === "hour" ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso.slice(0, 10);
};

/** The charts' figures as a table, newest first, gaps included: the charts' accessible equivalent. */
export function HistoryTable({ rows, step, currency, currencyDecimals }: HistoryTableProps) {
  return (
    <div className="relative max-h-96 overflow-auto">
      <table className="w-full border-collapse text-sm" data-testid="history-table">
        <caption className="sr-only">Balance history by {step === "hour" ? "hour" : "day"}, UTC, newest first</caption>
        <thead className="sticky top-0 border-b border-slate-200 bg-white text-xs tracking-wide text-slate-500 uppercase dark:border-slate-700 dark:bg-slate-900 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2 text-left">
              {step === "hour" ? "Hour" : "Day"} (UTC)
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Total value (USD)
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Of which staked
            </th>
            {currency && (
              <>
                <th scope="col" className="px-3 py-2 text-right">
                  {currency}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {currency} staked
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {[...rows].reverse().map((row) => (
            <tr key={row.at} data-gap={row.snapshotIds.length === 0 ? "true" : undefined} data-missing={row.missing.length > 0 ? row.missing.join(",") : undefined}>
              <th scope="row" className="px-3 py-2 text-left font-normal whitespace-nowrap tabular-nums">
                {bucketLabel(row.at, step)}
                {row.partial && (
                  <span className="ml-2 text-xs text-amber-900 dark:text-amber-200">
                    partial{row.missing.length > 0 && `: no ${row.missing.join(", ")} snapshot`}
                  </span>
                )}
              </th>
              {row.snapshotIds.length === 0 ? (
                <td colSpan={currency ? 4 : 2} className="px-3 py-2 text-right text-slate-500 dark:text-slate-400">
                  No snapshot
                </td>
              ) : (
                <>
                  <AmountCell value={row.totalUsd} decimals={VALUE_DISPLAY_DECIMALS} unit="in USD" />
                  {/* Staked figures apart: "not recorded" for a snapshot from before staking was kept, never zero. */}
                  <AmountCell value={row.stakedUsd} decimals={VALUE_DISPLAY_DECIMALS} unit="in USD, staked" emptyText={row.stakingRecorded ? undefined : NOT_RECORDED_TEXT} />
                  {currency && (
                    <>
                      <AmountCell value={row.amount} decimals={currencyDecimals} unit={currency} />
                      <AmountCell
                        value={row.stakedAmount}
                        decimals={currencyDecimals}
                        unit={`${currency} staked`}
                        emptyText={row.stakingRecorded ? undefined : NOT_RECORDED_TEXT}
                      />
                    </>
                  )}
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
