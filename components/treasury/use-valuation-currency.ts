"use client";

import { useSearchParams } from "next/navigation";
import { readValuationCurrency, valuationSearch } from "@/lib/treasury/valuation-url";
import type { ValuationCurrency } from "@/lib/treasury/types";

/** The valuation currency, kept in the address (`?valuation=eur`) like the dashboard's other choices. */
export function useValuationCurrency(): [ValuationCurrency, (currency: ValuationCurrency) => void] {
  const currency = readValuationCurrency(useSearchParams());
  const setCurrency = (next: ValuationCurrency) => {
    window.history.pushState(null, "", `${window.location.pathname}${valuationSearch(window.location.search, next)}`);
  };
  return [currency, setCurrency];
}
