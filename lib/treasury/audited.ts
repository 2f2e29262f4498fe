import "server-only";
import { audit, type AuditEvent } from "@/lib/auth/audit";
import { CoordinationError } from "@/lib/coordination/errors";
import { ApiError } from "@/lib/errors";
import { GeminiError } from "@/lib/gemini/errors";
import type { Caller } from "@/lib/http";

/** Runs a read of balances data and writes its audit line, as /api/balances does: who, which account, outcome. */
export async function audited<T>(
  event: AuditEvent,
  caller: Caller,
  account: string | null,
  read: () => Promise<T>,
): Promise<T> {
  try {
    const result = await read();
    audit({ event, user: caller.user, account, outcome: "ok" });
    return result;
  } catch (error) {
    const outcome =
      error instanceof ApiError
        ? error.code
        : error instanceof GeminiError
          ? error.toApiError().code
          : error instanceof CoordinationError
            ? error.code
            : "error";
    audit({ event, user: caller.user, account, outcome });
    throw error;
  }
}
