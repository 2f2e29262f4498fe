import { currencyInfo } from "@/lib/balances/currencies";
import type { BalanceColumn } from "@/lib/balances/columns";

export const CHANGE_COLUMN_ID = "change24h";

/** "Change (24 h)": each balance's amount now minus the snapshot's, signed, in its own currency's precision. */
export function changeColumn(changes: ReadonlyMap<string, string>): BalanceColumn {
  return {
    id: CHANGE_COLUMN_ID,
    header: "Change (24 h)",
    value: (balance) => changes.get(balance.currency) ?? null,
    decimals: (balance) => currencyInfo(balance.currency).decimals,
    unit: (balance) => `${balance.currency} since the snapshot 24 h earlier`,
    signed: true,
  };
}
