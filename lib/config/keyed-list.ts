import { z } from "zod";

/**
 * "key:value,key:value" variables (DASHBOARD_ROLES, DASHBOARD_ACCOUNTS, OIDC_ROLE_MAP,
 * OIDC_ACCOUNT_MAP): each entry read by `read` (null: malformed, named as not `shape`), a key
 * named twice refused; the messages name the variable and the entry.
 */
export function keyedList<T>(name: string, shape: string, read: (entry: string) => { key: string; value: T } | null) {
  return z.string().transform((value, ctx) => {
    const map = new Map<string, T>();
    for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
      const parsed = read(entry);
      if (parsed === null) {
        ctx.addIssue({ code: "custom", message: `${name} entry '${entry}' is not ${shape}` });
        continue;
      }
      if (map.has(parsed.key)) ctx.addIssue({ code: "custom", message: `${name} names '${parsed.key}' twice` });
      map.set(parsed.key, parsed.value);
    }
    return map;
  });
}

/** An entry split at a colon: the first (user names have none) or the last (OIDC claim values may hold colons). */
export function splitEntry(entry: string, at: "first" | "last"): { key: string; item: string } | null {
  const colon = at === "first" ? entry.indexOf(":") : entry.lastIndexOf(":");
  return colon > 0 ? { key: entry.slice(0, colon).trim(), item: entry.slice(colon + 1).trim() } : null;
}
