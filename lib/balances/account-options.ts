/** The account selector's options, pure and client-safe: their labels and the search over them. */
import { hasExchangeBalances } from "@/lib/balances/get-accounts";
import type { Account } from "@/lib/balances/types";

/** Above this many accounts the selector becomes a searchable combobox: a plain list is no longer scannable. */
export const SEARCHABLE_ACCOUNTS_FROM = 16;

export function optionLabel(account: Account): string {
  const name = account.name && account.name !== account.account ? `${account.name} (${account.account})` : account.account;
  const notes = [account.status === "closed" ? "closed" : null, hasExchangeBalances(account) ? null : "custody, no exchange balances"];
  const note = notes.filter(Boolean).join(", ");
  return note ? `${name} · ${note}` : name;
}

/** Accounts whose name or id contains every word typed, in the group's order; case and accents ignored. */
export function matchAccounts(accounts: readonly Account[], query: string): Account[] {
  const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...accounts];
  return accounts.filter((account) => {
    const haystack = fold(`${account.name} ${account.account}`);
    return words.every((word) => haystack.includes(word));
  });
}
