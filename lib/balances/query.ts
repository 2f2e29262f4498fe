import { z } from "zod";

/** Gemini account short names: letters, digits, '-' and '_'. */
const ACCOUNT_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Query parameters shared by every route that takes them: `account` (null when absent), `pending` (false when absent). */
export const accountParam = z
  .string()
  .regex(ACCOUNT_NAME_PATTERN, "account must be 1-64 letters, digits, '-' or '_'")
  .optional()
  .transform((account) => account ?? null);
export const pendingParam = z
  .enum(["true", "false"], { message: "pending must be 'true' or 'false'" })
  .optional()
  .transform((pending) => pending === "true");

/** `?account=&pending=`, read strictly by lib/api/query.ts parseQuery. */
export const balancesQuery = z.strictObject({ account: accountParam, pending: pendingParam });

export type BalancesQuery = z.output<typeof balancesQuery>;
