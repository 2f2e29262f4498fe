import { z } from "zod";

/** Gemini account short names: letters, digits, '-' and '_'. */
const ACCOUNT_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface BalancesQuery {
  account: string | null;
  pending: boolean;
}

/** Query parameter schemas shared by every route that takes them. */
export const accountParam = z
  .string()
  .regex(ACCOUNT_NAME_PATTERN, "account must be 1-64 letters, digits, '-' or '_'")
  .optional();
export const pendingParam = z.enum(["true", "false"], { message: "pending must be 'true' or 'false'" }).optional();

const balancesQuerySchema = z.object({ account: accountParam, pending: pendingParam }).strict();

export type QueryParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Reads a query strictly against a strict object schema: unknown or repeated parameters are errors, not ignored. */
export function parseStrictQuery<S extends z.ZodObject>(
  params: URLSearchParams,
  schema: S,
): QueryParseResult<z.infer<S>> {
  const entries: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in entries) return { ok: false, message: `${name} may be given only once` };
    entries[name] = value;
  }
  const result = schema.safeParse(entries);
  if (!result.success) {
    const issue = result.error.issues[0];
    const message =
      issue?.code === "unrecognized_keys"
        ? `unknown parameter ${issue.keys.join(", ")}: only ${listNames(Object.keys(schema.shape))} accepted`
        : (issue?.message ?? "invalid query");
    return { ok: false, message };
  }
  return { ok: true, value: result.data };
}

function listNames(names: string[]): string {
  if (names.length === 0) return "no parameters are";
  if (names.length === 1) return `${names[0]} is`;
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)} are`;
}

/** Reads `?account=&pending=` strictly. */
export function parseBalancesQuery(params: URLSearchParams): QueryParseResult<BalancesQuery> {
  const result = parseStrictQuery(params, balancesQuerySchema);
  if (!result.ok) return result;
  return { ok: true, value: { account: result.value.account ?? null, pending: result.value.pending === "true" } };
}
