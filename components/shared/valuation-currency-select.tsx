import { VALUATION_CURRENCIES, type ValuationCurrency } from "@/lib/treasury/types";

interface ValuationCurrencySelectProps {
  value: ValuationCurrency;
  onChange(currency: ValuationCurrency): void;
}

/** Which fiat currency Gemini values the balances in. */
export function ValuationCurrencySelect({ value, onChange }: ValuationCurrencySelectProps) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="valuation-currency" className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
        Value in
      </label>
      <select
        id="valuation-currency"
        value={value}
        onChange={(event) => {
          const next = VALUATION_CURRENCIES.find((currency) => currency === event.target.value);
          if (next) onChange(next);
        }}
        className="rounded-md border border-slate-300 bg-white py-1.5 pr-8 pl-3 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:focus-visible:outline-sky-400"
      >
        {VALUATION_CURRENCIES.map((currency) => (
          <option key={currency} value={currency}>
            {currency.toUpperCase()}
          </option>
        ))}
      </select>
    </div>
  );
}
