/** The valuation currency in the address (`?valuation=eur`); USD when absent or unknown. Client-safe. */
import { DEFAULT_VALUATION_CURRENCY, VALUATION_CURRENCIES, type ValuationCurrency } from "@/lib/treasury/types";

const VALUATION_PARAM = "valuation";

export function readValuationCurrency(params: { get(name: string): string | null }): ValuationCurrency {
  const value = params.get(VALUATION_PARAM);
  return VALUATION_CURRENCIES.find((currency) => currency === value) ?? DEFAULT_VALUATION_CURRENCY;
}

/** The address query with the currency changed, other parameters kept; the default is left out. */
export function valuationSearch(current: string, currency: ValuationCurrency): string {
  const params = new URLSearchParams(current);
  if (currency === DEFAULT_VALUATION_CURRENCY) params.delete(VALUATION_PARAM);
  else params.set(VALUATION_PARAM, currency);
  const search = params.toString();
  return search ? `?${search}` : "";
}
