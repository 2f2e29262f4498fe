"use client";

import type { AccountValuation } from "@/components/balances/use-account-valuation";
import { ExportCsvButton } from "@/components/shared/export-csv-button";
import { PortfolioTotal } from "@/components/shared/portfolio-total";
import { TotalChange } from "@/components/shared/total-change";
import { ValuationCurrencySelect } from "@/components/shared/valuation-currency-select";
import type { Balance, Staking } from "@/lib/balances/types";
import { sumDecimals } from "@/lib/treasury/money";
import { stakedTotal, valueStaking } from "@/lib/treasury/staking";
import { balancesCsv, csvFilename } from "@/lib/treasury/csv";
import { csvRows } from "@/lib/treasury/overview";

interface AccountValueBarProps {
  valuation: AccountValuation;
  /** The balances on screen: their account, `_timestamp`, pending flag and the rows shown. */
  balances: { account: string | null; timestamp: string | null; pending: boolean } | undefined;
  rows: readonly Balance[];
  /** The account's staking: valued at the price feed and counted in the total, shown apart. */
  staking: Staking;
  /** The total's change (USD) since the snapshot 24 h earlier, and when that was taken, when there is one. */
  totalChange?: { change: string; since: string | null } | null;
}

/** The account's total value, the valuation currency, and the CSV export of the table on screen. */
export function AccountValueBar({ valuation, balances, rows, staking, totalChange = null }: AccountValueBarProps) {
  const currency = valuation.currency.toUpperCase();
  const shown = valuation.shown;
  const staked = shown ? stakedTotal(staking, shown.prices) : undefined;
  const build = () => {
    if (!balances) throw new Error("nothing on screen to export");
    const csv = balancesCsv(
      csvRows(balances.account, { timestamp: balances.timestamp, balances: rows }, shown?.values, valueStaking(staking, shown?.prices ?? null)),
      { pending: balances.pending, valuationCurrency: shown ? currency : null, staking: true },
    );
    return { filename: csvFilename(balances.account, new Date()), csv };
  };
  return (
    <div className="flex flex-wrap items-end gap-4">
      <ValuationCurrencySelect value={valuation.currency} onChange={valuation.setCurrency} />
      <PortfolioTotal total={shown && staked !== undefined ? sumDecimals([shown.total, staked]) : undefined} currency={currency} label="Total value" />
      {staked !== undefined && staking.state === "staked" && staking.balances.length > 0 && (
        <PortfolioTotal total={staked} currency={currency} label="Of which staked" testId="staked-total" />
      )}
      {totalChange !== null && <TotalChange change={totalChange.change} since={totalChange.since} currency={currency} />}
      <ExportCsvButton build={build} disabled={!balances || rows.length === 0} />
    </div>
  );
}
