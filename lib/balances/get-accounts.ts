import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "@/lib/balances/api-error";
import type { Account, AccountsResponse } from "@/lib/balances/types";

/** Accounts change rarely; the server keeps its own list a minute too. */
const ACCOUNTS_STALE_TIME_MS = 60_000;

export function accountsQueryOptions() {
  return queryOptions({
    queryKey: ["accounts"] as const,
    queryFn: ({ signal }) => getJson<AccountsResponse>("/api/accounts", signal),
    staleTime: ACCOUNTS_STALE_TIME_MS,
  });
}

export function useAccounts() {
  return useQuery(accountsQueryOptions());
}

/** Gemini exchange balances exist for exchange accounts only; custody accounts have none. */
export function hasExchangeBalances(account: Account): boolean {
  return account.type === "exchange";
}

/** The account shown when the address names none: the first open exchange account. */
export function defaultAccount(accounts: readonly Account[]): string | null {
  const open = accounts.find((account) => hasExchangeBalances(account) && account.status === "open");
  return (open ?? accounts.find(hasExchangeBalances))?.account ?? null;
}
