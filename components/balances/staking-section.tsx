"use client";

import { useId, useState } from "react";
import { currencyInfo } from "@/lib/balances/currencies";
import { formatAmount } from "@/lib/balances/format";
import type { Staking } from "@/lib/balances/types";
import { noStakingMessage } from "@/lib/treasury/staking";

/** An exact staked figure, floored on screen; the exact digits on hover and in data-exact. */
function Staked({ value, currency }: { value: string; currency: string }) {
  return (
    <data value={value} title={`${value} ${currency}`} data-exact={value} className="tabular-nums">
      {formatAmount(value, currencyInfo(currency).decimals)}
    </data>
  );
}

/**
 * Under the balances table: why there is no staking, or each staked currency's providers on
 * demand (a disclosure button, so it is announced as expanded or collapsed).
 */
export function StakingSection({ staking }: { staking: Staking }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  if (staking.state === "none") {
    return (
      <p className="border-t border-slate-200 px-4 py-3 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-300" data-testid="no-staking">
        {noStakingMessage(staking)}
      </p>
    );
  }
  if (staking.balances.length === 0) return null;
  return (
    <div className="border-t border-slate-200 px-4 py-3 dark:border-slate-800">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((shown) => !shown)}
        className="text-sm font-medium text-sky-800 underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:text-sky-300 dark:focus-visible:outline-sky-400"
      >
        {open ? "Hide" : "Show"} staking by provider
      </button>
      <div id={panelId} hidden={!open} className="mt-3">
        <table className="w-full min-w-max border-collapse text-sm">
          <caption className="sr-only">Staked balances by provider</caption>
          <thead className="border-b border-slate-200 text-xs tracking-wide text-slate-500 uppercase dark:border-slate-700 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-3 py-2 text-left">Currency</th>
              <th scope="col" className="px-3 py-2 text-left">Provider</th>
              <th scope="col" className="px-3 py-2 text-right">Staked</th>
              <th scope="col" className="px-3 py-2 text-right">Staked, available</th>
              <th scope="col" className="px-3 py-2 text-right">Staked, available for withdrawal</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {staking.balances.flatMap((row) => [
              <tr key={row.currency} className="font-medium">
                <th scope="row" className="px-3 py-2 text-left">{row.currency}</th>
                <td className="px-3 py-2 text-slate-600 dark:text-slate-300">All providers</td>
                <td className="px-3 py-2 text-right"><Staked value={row.balance} currency={row.currency} /></td>
                <td className="px-3 py-2 text-right"><Staked value={row.available} currency={row.currency} /></td>
                <td className="px-3 py-2 text-right"><Staked value={row.availableForWithdrawal} currency={row.currency} /></td>
              </tr>,
              ...row.providers.map((provider) => (
                <tr key={`${row.currency}:${provider.provider}`}>
                  <td className="px-3 py-2"><span className="sr-only">{row.currency}</span></td>
                  <td className="px-3 py-2 font-mono text-xs break-all text-slate-600 dark:text-slate-300">{provider.provider}</td>
                  <td className="px-3 py-2 text-right"><Staked value={provider.balance} currency={row.currency} /></td>
                  <td className="px-3 py-2" />
                  <td className="px-3 py-2" />
                </tr>
              )),
            ])}
          </tbody>
        </table>
      </div>
    </div>
  );
}
