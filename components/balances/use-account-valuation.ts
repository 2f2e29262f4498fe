"use client";

import { useValuationCurrency } from "@/components/shared/use-valuation-currency";
import { useValuation } from "@/lib/treasury/get-valuation";
import type { ValuationCurrency, ValuationResponse } from "@/lib/treasury/types";

export interface AccountValuation {
  currency: ValuationCurrency;
  setCurrency(currency: ValuationCurrency): void;
  /** The valuation of the account on screen in the chosen currency; undefined while another is shown. */
  shown: ValuationResponse | undefined;
  loading: boolean;
}

/** The value of the account the balances table shows, refreshed with it. */
export function useAccountValuation({
  serverSearch,
  connection = null,
  account,
  shownAccount,
  enabled,
  refetchIntervalMs,
}: {
  /** The query string the server rendered, so hydration matches. */
  serverSearch: string;
  /** The connection in the address (null: the default one). */
  connection?: string | null;
  /** The account asked for (null for an account key). */
  account: string | null;
  /** The account whose balances are on screen, undefined before any. */
  shownAccount: string | null | undefined;
  enabled: boolean;
  refetchIntervalMs: number;
}): AccountValuation {
  const [currency, setCurrency] = useValuationCurrency(serverSearch);
  const query = useValuation({ connection, account, currency }, { enabled, refetchIntervalMs });
  const data = query.data;
  const matches = data !== undefined && data.account === shownAccount && data.currency === currency.toUpperCase();
  return { currency, setCurrency, shown: matches ? data : undefined, loading: query.isFetching };
}
