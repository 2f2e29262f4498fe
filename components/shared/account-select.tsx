import { AccountCombobox } from "@/components/shared/account-combobox";
import { optionLabel, SEARCHABLE_ACCOUNTS_FROM } from "@/lib/balances/account-options";
import { hasExchangeBalances } from "@/lib/balances/get-accounts";
import type { Account } from "@/lib/balances/types";

interface AccountSelectProps {
  accounts: readonly Account[];
  value: string | null;
  onChange(account: string): void;
  /** When set, a first option with this label stands for every account (value null, "" in the list). */
  allAccountsLabel?: string;
}

/**
 * The master key's accounts, by name; closed ones marked, custody ones listed but not selectable.
 * Used by the dashboard and the history. A large group gets a searchable combobox instead.
 */
export function AccountSelect({ accounts, value, onChange, allAccountsLabel }: AccountSelectProps) {
  if (accounts.length >= SEARCHABLE_ACCOUNTS_FROM) {
    return <AccountCombobox accounts={accounts} value={value} onChange={onChange} allAccountsLabel={allAccountsLabel} />;
  }
  const known = value === null || accounts.some((account) => account.account === value);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="account-select" className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
        Account
      </label>
      <select
        id="account-select"
        value={value ?? ""}
        onChange={(event) => onChange(event.target.value)}
        className="w-72 max-w-full rounded-md border border-slate-300 bg-white py-1.5 pr-8 pl-3 text-sm text-slate-900 shadow-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:focus-visible:outline-sky-400"
      >
        {allAccountsLabel !== undefined && <option value="">{allAccountsLabel}</option>}
        {!known && value !== null && <option value={value}>{value} · not in this key&apos;s group</option>}
        {accounts.map((account) => (
          <option key={account.account} value={account.account} disabled={!hasExchangeBalances(account)}>
            {optionLabel(account)}
          </option>
        ))}
      </select>
    </div>
  );
}
