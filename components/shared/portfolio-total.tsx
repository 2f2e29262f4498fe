import { formatAmount } from "@/lib/balances/format";
import { VALUE_DISPLAY_DECIMALS } from "@/lib/treasury/types";

interface PortfolioTotalProps {
  /** Exact total, or undefined while it loads. */
  total: string | undefined;
  currency: string;
  label: string;
  testId?: string;
}

/** A total value, floored to cents; the exact sum on hover and in data-exact. */
export function PortfolioTotal({ total, currency, label, testId = "portfolio-total" }: PortfolioTotalProps) {
  return (
    <p className="flex flex-col text-right">
      <span className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">{label}</span>
      {total === undefined ? (
        <span className="text-lg text-slate-400 dark:text-slate-500">…</span>
      ) : (
        <span
          className="text-lg font-semibold tabular-nums text-slate-900 dark:text-slate-50"
          title={`${total} in ${currency}`}
          data-exact={total}
          data-testid={testId}
        >
          {formatAmount(total, VALUE_DISPLAY_DECIMALS)} <span className="text-sm font-normal">{currency}</span>
        </span>
      )}
    </p>
  );
}
