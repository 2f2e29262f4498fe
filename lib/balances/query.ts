import { z } from "zod";
import { ACCOUNT_NAME_PATTERN } from "@/lib/config/account-name";
import { CONNECTION_LABEL_PATTERN, MAX_CONNECTION_LABEL_LENGTH } from "@/lib/config/connection-label";


/** Query parameters shared by every route that takes them: `account` (null when absent), `pending` (false when absent). */
export const accountParam = z
  .string()
  .regex(ACCOUNT_NAME_PATTERN, "account must be 1-64 letters, digits, '-' or '_'")
  .optional()
  .transform((account) => account ?? null);
/** `connection`: a label of GEMINI_CONNECTIONS (null when absent: the default connection). Whether it exists is the server's to say. */
export const connectionParam = z
  .string()
  .max(MAX_CONNECTION_LABEL_LENGTH, `connection must be at most ${MAX_CONNECTION_LABEL_LENGTH} characters`)
  .regex(CONNECTION_LABEL_PATTERN, "connection must be a label of lowercase letters and digits separated by dashes, e.g. us-entity")
  .optional()
  .transform((connection) => connection ?? null);
export const pendingParam = z
  .enum(["true", "false"], { message: "pending must be 'true' or 'false'" })
  .optional()
  .transform((pending) => pending === "true");

/** `?connection=`: the routes that read one connection's group as a whole (/api/accounts). */
export const connectionQuery = z.strictObject({ connection: connectionParam });

/** `?connection=&account=&pending=`, read strictly by lib/api/query.ts parseQuery. */
export const balancesQuery = z.strictObject({ connection: connectionParam, account: accountParam, pending: pendingParam });

/** `connection` may be left out by callers inside the server and the browser: the default connection. */
export type BalancesQuery = Omit<z.output<typeof balancesQuery>, "connection"> & { connection?: string | null };
