/** Gemini names a master (group) key `master-…`; an account-scoped key `account-…`. Client-safe. */
const MASTER_KEY_PREFIX = "master-";

/** A master key reaches every account of its group; an account key only its own. */
export function isMasterKey(apiKey: string): boolean {
  return apiKey.startsWith(MASTER_KEY_PREFIX);
}
