/** The treasury routes' queries, in the style of lib/balances/query.ts. Client-safe. */
import { z } from "zod";
import { accountParam, connectionParam, pendingParam } from "@/lib/balances/query";
import { DEFAULT_VALUATION_CURRENCY, VALUATION_CURRENCIES } from "@/lib/treasury/types";

const currencyParam = z
  .enum(VALUATION_CURRENCIES, { message: `currency must be one of ${VALUATION_CURRENCIES.join(", ")} (lower-case)` })
  .optional();

/** `?connection=&account=&currency=` (currency defaults to usd). */
export const valuationQuery = z.strictObject({
  connection: connectionParam,
  account: accountParam,
  currency: currencyParam.transform((currency) => currency ?? DEFAULT_VALUATION_CURRENCY),
});

/** `?currency=&pending=`. */
export const overviewQuery = z.strictObject({
  currency: currencyParam.transform((currency) => currency ?? DEFAULT_VALUATION_CURRENCY),
  pending: pendingParam,
});

/** `?connection=&account=&pending=&currency=`; without currency the CSV has no value column (null). */
export const balancesCsvQuery = z.strictObject({
  connection: connectionParam,
  account: accountParam,
  pending: pendingParam,
  currency: currencyParam.transform((currency) => currency ?? null),
});

/** `connection` may be left out by callers: the default connection. */
export type ValuationQuery = Omit<z.output<typeof valuationQuery>, "connection"> & { connection?: string | null };
export type OverviewQuery = z.output<typeof overviewQuery>;
export type BalancesCsvQuery = z.output<typeof balancesCsvQuery>;
