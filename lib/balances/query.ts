import { z } from "zod";

/** Gemini account short names: letters, digits, '-' and '_'. */
export const ACCOUNT_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface BalancesQuery {
  account: string | null;
  pending: boolean;
}

const balancesQuerySchema = z
  .object({
    account: z
      .string()
      .regex(ACCOUNT_NAME_PATTERN, "account must be 1-64 letters, digits, '-' or '_'")
      .optional(),
    pending: z.enum(["true", "false"], { message: "pending must be 'true' or 'false'" }).optional(),
  })
  .strict();

export type QueryParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads `?account=&pending=` strictly: unknown or repeated parameters are errors, not ignored. */
export function parseBalancesQuery(params: URLSearchParams): QueryParseResult<BalancesQuery> {
  const entries: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in entries) return { ok: false, message: `${name} may be given only once` };
    entries[name] = value;
  }
  const result = balancesQuerySchema.safeParse(entries);
  if (!result.success) {
    const issue = result.error.issues[0];
    const message =
      issue?.code === "unrecognized_keys"
        ? `unknown parameter ${issue.keys.join(", ")}: only account and pending are accepted`
        : (issue?.message ?? "invalid query");
    return { ok: false, message };
  }
  return { ok: true, value: { account: result.data.account ?? null, pending: result.data.pending === "true" } };
}
