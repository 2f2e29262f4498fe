"use client";

import { pushAddressSearch, useAddressSearch } from "@/components/shared/use-address-search";
import { readValuationCurrency, valuationSearch } from "@/lib/treasury/valuation-url";
import type { ValuationCurrency } from "@/lib/treasury/types";

/** The valuation currency, kept in the address (`?valuation=eur`) like the dashboard's other choices. */
export function useValuationCurrency(serverSearch: string): [ValuationCurrency, (currency: ValuationCurrency) => void] {
  const currency = readValuationCurrency(new URLSearchParams(useAddressSearch(serverSearch)));
  const setCurrency = (next: ValuationCurrency) => pushAddressSearch(valuationSearch(window.location.search, next));
  return [currency, setCurrency];
}
