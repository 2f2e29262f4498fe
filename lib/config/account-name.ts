/** Gemini account short names as the dashboard accepts them (?account=, DASHBOARD_ACCOUNTS): letters, digits, '-' and '_'. */
export const ACCOUNT_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * An account in DASHBOARD_ACCOUNTS or OIDC_ACCOUNT_MAP: its name, or with several connections
 * `connection/account` (us-entity/primary). A slash, not a colon: OIDC_ACCOUNT_MAP splits each entry
 * at its last colon, since claim values may hold colons.
 */
export const SCOPED_ACCOUNT_PATTERN = /^(?:[a-z0-9]+(?:-[a-z0-9]+)*\/)?[A-Za-z0-9_-]{1,64}$/;

/** A scope entry's connection (null when it names none) and account. */
export function splitScopedAccount(entry: string): { connection: string | null; account: string } {
  const slash = entry.indexOf("/");
  return slash < 0 ? { connection: null, account: entry } : { connection: entry.slice(0, slash), account: entry.slice(slash + 1) };
}
