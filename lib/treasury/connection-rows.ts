/** Accounts of the all-accounts view across connections. Client-safe. */
import type { Account } from "@/lib/balances/types";

/** An account with the connection it belongs to; no connection when the dashboard has one (everything as before). */
export type ConnectionAccount = Account & { connection?: string };

/**
 * What tells an account apart in the view (readings, rows, the CSV's account column): its name,
 * qualified by its connection when there are several, since two entities may both have a "primary".
 */
export function accountKey(account: ConnectionAccount): string {
  return account.connection === undefined ? account.account : `${account.connection}:${account.account}`;
}

export function accountConnection(account: ConnectionAccount): string | undefined {
  return account.connection;
}

/** The account's page: its connection in the address too when it has one. */
export function accountHref(account: ConnectionAccount): string {
  const params = new URLSearchParams();
  if (account.connection !== undefined) params.set("connection", account.connection);
  params.set("account", account.account);
  return `/?${params}`;
}
