import "server-only";
/**
 * Account scopes (DASHBOARD_ACCOUNTS): the one place that decides which accounts of the group a
 * caller may see. Services take the caller's scope and filter every list and total through here;
 * the route wrapper and the pages refuse an account outside it before anything is read.
 */
import { ApiError } from "@/lib/api/errors";
import { audit } from "@/lib/auth/audit";
import type { Caller } from "@/lib/auth/audited-read";
import type { Principal } from "@/lib/auth/roles";
import { splitScopedAccount } from "@/lib/config/account-name";
import { ALL_CONNECTIONS } from "@/lib/config/connection-label";
import { connectionOf } from "@/lib/server/exchange-key";

/** The account names (Gemini nicknames) a caller may see; null = every account of the group. */
export type AccountScope = Principal["accounts"];

/** Whole-group callers: the open demo, users without a DASHBOARD_ACCOUNTS line, and the server's own work (snapshots, alerts). */
export const WHOLE_GROUP: AccountScope = null;

/**
 * A caller's scope within one connection (the default when not named): with several connections
 * its entries name their connection (`us-entity/primary`, lib/config refuses any that does not),
 * and only that connection's accounts are kept, as plain names; with one, entries are plain names.
 * Everything downstream (lists, checks, the store's filters) then works on plain names.
 */
export function connectionScope(scope: AccountScope, connection: string | null | undefined): AccountScope {
  if (scope === null) return null;
  const label = connectionOf(connection).connection.label;
  return scope.flatMap((entry) => {
    const { connection: named, account } = splitScopedAccount(entry);
    return named === null || named === label ? [account] : [];
  });
}

export function inScope(scope: AccountScope, account: string): boolean {
  return scope === null || scope.includes(account);
}

/** The rows of accounts in scope, in their order. */
export function visible<T extends { account: string }>(scope: AccountScope, rows: readonly T[]): T[] {
  return scope === null ? [...rows] : rows.filter((row) => scope.includes(row.account));
}

/** The account names in scope among `names`. */
export function visibleNames(scope: AccountScope, names: readonly string[]): string[] {
  return scope === null ? [...names] : names.filter((name) => scope.includes(name));
}

/** Why a request was refused for its accounts; null when it may go on. Pure, so the rule is tested alone. */
export function scopeRefusal(scope: AccountScope, asked: { account: string | null } | "whole-group"): string | null {
  if (scope === null) return null;
  if (asked === "whole-group") {
    return "This covers every account of the group, and your access is limited to some of its accounts.";
  }
  if (asked.account !== null && !scope.includes(asked.account)) {
    // Same words whether or not the account exists: a scoped user learns nothing about the others.
    return `Your access does not include the account '${asked.account}'.`;
  }
  return null;
}

/** For services: throws forbidden_account (403) when the account is outside the scope. */
export function assertInScope(scope: AccountScope, account: string | null): void {
  const refusal = scopeRefusal(scope, { account });
  if (refusal !== null) throw new ApiError("forbidden_account", refusal);
}

export function auditRefusal(caller: Caller, account: string | null): Promise<void> {
  return audit({ event: "access_denied", user: caller.user, outcome: "forbidden_account", address: caller.address, account });
}

/**
 * For the route wrapper, before the handler: a refused request is audited (access_denied,
 * forbidden_account) and answered 403 without any upstream or store call.
 */
export async function authorizeScope(caller: Caller, asked: { account: string | null; connection?: string | null } | "whole-group"): Promise<void> {
  // Every connection at once names no account: the service reads each within its own scope.
  if (asked !== "whole-group" && asked.connection === ALL_CONNECTIONS && asked.account === null) return;
  const refusal = scopeRefusal(asked === "whole-group" ? caller.accounts : connectionScope(caller.accounts, asked.connection), asked);
  if (refusal === null) return;
  await auditRefusal(caller, asked === "whole-group" ? null : asked.account);
  throw new ApiError("forbidden_account", refusal);
}
