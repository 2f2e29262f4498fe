import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "@/lib/balances/api-error";
import type { Account, AccountsResponse } from "@/lib/balances/types";

/** Accounts change rarely; the server keeps its own list a minute too. */
const ACCOUNTS_STALE_TIME_MS = 60_000;

/** A connection's accounts (null: the default connection's, and the address it always had). */
export function accountsApiPath(connection: string | null): string {
  return connection === null ? "/api/accounts" : `/api/accounts?${new URLSearchParams({ connection })}`;
}

export function accountsQueryOptions(connection: string | null = null) {
  return queryOptions({
    queryKey: ["accounts", { connection }] as const,
    queryFn: ({ signal }) => getJson<AccountsResponse>(accountsApiPath(connection), signal),
    staleTime: ACCOUNTS_STALE_TIME_MS,
  });
}

export function useAccounts(connection: string | null = null) {
  return useQuery(accountsQueryOptions(connection));
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
