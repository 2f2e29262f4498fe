/** Strict query parsing for the treasury routes, in the style of lib/balances/query.ts. Client-safe. */
import { z } from "zod";
import { accountParam, parseStrictQuery, pendingParam, type QueryParseResult } from "@/lib/balances/query";
import { DEFAULT_VALUATION_CURRENCY, VALUATION_CURRENCIES, type ValuationCurrency } from "@/lib/treasury/types";

const currencyParam = z
  .enum(VALUATION_CURRENCIES, { message: `currency must be one of ${VALUATION_CURRENCIES.join(", ")} (lower-case)` })
  .optional();

const valuationSchema = z.object({ account: accountParam, currency: currencyParam }).strict();
const overviewSchema = z.object({ currency: currencyParam, pending: pendingParam }).strict();
const csvSchema = z.object({ account: accountParam, pending: pendingParam, currency: currencyParam }).strict();

export interface ValuationQuery {
  account: string | null;
  currency: ValuationCurrency;
}

export interface OverviewQuery {
  currency: ValuationCurrency;
  pending: boolean;
}

export interface BalancesCsvQuery {
  account: string | null;
  pending: boolean;
  /** Adds a value column in this currency; null for none. */
  currency: ValuationCurrency | null;
}

/** `?account=&currency=` (currency defaults to usd). */
export function parseValuationQuery(params: URLSearchParams): QueryParseResult<ValuationQuery> {
  const result = parseStrictQuery(params, valuationSchema);
  if (!result.ok) return result;
  return {
    ok: true,
    value: { account: result.value.account ?? null, currency: result.value.currency ?? DEFAULT_VALUATION_CURRENCY },
  };
}

/** `?currency=&pending=`. */
export function parseOverviewQuery(params: URLSearchParams): QueryParseResult<OverviewQuery> {
  const result = parseStrictQuery(params, overviewSchema);
  if (!result.ok) return result;
  return {
    ok: true,
    value: { currency: result.value.currency ?? DEFAULT_VALUATION_CURRENCY, pending: result.value.pending === "true" },
  };
}

/** `?account=&pending=&currency=`; without currency the CSV has no value column. */
export function parseBalancesCsvQuery(params: URLSearchParams): QueryParseResult<BalancesCsvQuery> {
  const result = parseStrictQuery(params, csvSchema);
  if (!result.ok) return result;
  return {
    ok: true,
    value: {
      account: result.value.account ?? null,
      pending: result.value.pending === "true",
      currency: result.value.currency ?? null,
    },
  };
}
