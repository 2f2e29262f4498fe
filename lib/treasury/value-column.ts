import type { BalanceColumn } from "@/lib/balances/columns";
import { valueByCurrency } from "@/lib/treasury/overview";
import { VALUE_DISPLAY_DECIMALS, type ValuationResponse } from "@/lib/treasury/types";

const VALUE_COLUMN_ID = "value";

/** "Value (USD)": the notional value of each balance by currency code, floored to cents on screen. */
export function valueColumn(values: ReadonlyMap<string, string>, currency: string): BalanceColumn {
  return {
    id: VALUE_COLUMN_ID,
    header: `Value (${currency})`,
    value: (balance) => values.get(balance.currency) ?? null,
    decimals: () => VALUE_DISPLAY_DECIMALS,
    // "4086037.31 in USD": the value reads apart from a USD balance's own "12345678.91 USD".
    unit: () => `in ${currency}`,
  };
}

/** The table's columns plus the value column, once a valuation of the account on screen is known. */
export function withValueColumn(
  columns: readonly BalanceColumn[],
  valuation: ValuationResponse | undefined,
  account: string | null | undefined,
): BalanceColumn[] {
  if (!valuation || account === undefined || valuation.account !== account) return [...columns];
  return [...columns, valueColumn(valueByCurrency(valuation.values), valuation.currency)];
}
