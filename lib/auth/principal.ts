import "server-only";
import type { Principal } from "@/lib/auth/roles";
import type { AuthConfig } from "@/lib/config";

/**
 * A configured user's role and accounts, read from the configuration at every request: a changed
 * DASHBOARD_ROLES or DASHBOARD_ACCOUNTS applies at the next restart, to sessions already open too.
 * null when the user is no longer configured.
 */
export function localPrincipal(auth: AuthConfig, user: string): Principal | null {
  if (!auth.users.has(user)) return null;
  // No DASHBOARD_ROLES at all: every user is admin, as every user could do everything before roles.
  const role = auth.roles.size === 0 ? "admin" : auth.roles.get(user);
  if (!role) return null;
  return { user, role, accounts: auth.scopes.get(user) ?? null };
}
