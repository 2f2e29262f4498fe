import { z } from "zod";
import { ACCOUNT_NAME_PATTERN } from "@/lib/config/account-name";


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
