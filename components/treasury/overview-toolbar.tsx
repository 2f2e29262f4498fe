"use client";

import Link from "next/link";
import { ExportCsvButton } from "@/components/shared/export-csv-button";
import { PortfolioTotal } from "@/components/shared/portfolio-total";
import { pushAddressSearch } from "@/components/shared/use-address-search";
import { ValuationCurrencySelect } from "@/components/shared/valuation-currency-select";
import { Switch } from "@/components/ui/switch";
import { dashboardSearch } from "@/lib/balances/dashboard-url";
import { compareDecimals } from "@/lib/balances/format";
import type { ValuationCurrency } from "@/lib/treasury/types";

interface OverviewToolbarProps {
  currency: ValuationCurrency;
  onCurrencyChange(currency: ValuationCurrency): void;
  pending: boolean;
  /** Exact group total, undefined until every account is valued. */
  total: string | undefined;
  /** Its staked part. */
  stakedTotal: string | undefined;
  buildCsv(): { filename: string; csv: string };
  exportDisabled: boolean;
}

const isPositive = (value: string) => compareDecimals(value, "0") > 0;

/** The overview's choices (valuation currency, pending), the way back to one account, the total and the export. */
export function OverviewToolbar({ currency, onCurrencyChange, pending, total, stakedTotal, buildCsv, exportDisabled }: OverviewToolbarProps) {
  return (
    <div className="flex flex-wrap items-end gap-x-6 gap-y-3">
      <ValuationCurrencySelect value={currency} onChange={onCurrencyChange} />
      <Switch checked={pending} onChange={(next) => pushAddressSearch(dashboardSearch(window.location.search, { pending: next }))}>
        Show pending balances
      </Switch>
      <Link
        href="/"
        className="text-sm font-medium text-sky-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:text-sky-300"
      >
        One account
      </Link>
      <div className="ml-auto flex items-end gap-4">
        <PortfolioTotal total={total} currency={currency.toUpperCase()} label="Group total" />
        {stakedTotal !== undefined && isPositive(stakedTotal) && (
          <PortfolioTotal total={stakedTotal} currency={currency.toUpperCase()} label="Of which staked" testId="group-staked-total" />
        )}
        <ExportCsvButton build={buildCsv} disabled={exportDisabled} />
      </div>
    </div>
  );
}
