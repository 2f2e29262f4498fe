import { formatAmount } from "@/lib/balances/format";
import type { AllocationSlice } from "@/lib/treasury/overview";
import { VALUE_DISPLAY_DECIMALS } from "@/lib/treasury/types";

interface AllocationTableProps {
  slices: readonly AllocationSlice[];
  currency: string;
  caption: string;
}

/** The chart's figures as a table: what a screen reader reads, and the exact value on hover. */
export function AllocationTable({ slices, currency, caption }: AllocationTableProps) {
  return (
    <table className="w-full border-collapse text-sm" data-testid="allocation-table">
      <caption className="sr-only">{caption}</caption>
      <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase dark:border-slate-700 dark:text-slate-400">
        <tr>
          <th scope="col" className="px-3 py-2 text-left font-medium">
            Currency
          </th>
          <th scope="col" className="px-3 py-2 text-right font-medium">
            Value ({currency})
          </th>
          <th scope="col" className="px-3 py-2 text-right font-medium">
            Share
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
        {slices.map((slice) => (
          <tr key={slice.currency}>
            <th scope="row" className="px-3 py-1.5 text-left font-semibold">
              {slice.currency}
            </th>
            <td className="px-3 py-1.5 text-right tabular-nums" title={`${slice.value} in ${currency}`} data-exact={slice.value}>
              {formatAmount(slice.value, VALUE_DISPLAY_DECIMALS)}
            </td>
            <td className="px-3 py-1.5 text-right tabular-nums">{slice.percent}%</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
