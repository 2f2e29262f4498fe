import { audit } from "@/lib/auth/audit";
import { parseBalancesQuery } from "@/lib/balances/query";
import { readBalances } from "@/lib/balances/service";
import { CoordinationError } from "@/lib/coordination/errors";
import { ApiError } from "@/lib/errors";
import { GeminiError } from "@/lib/gemini/errors";
import { withApi } from "@/lib/http";

export const GET = withApi(async (request, _context, caller) => {
  const query = parseBalancesQuery(new URL(request.url).searchParams);
  if (!query.ok) throw new ApiError(400, "bad_request", query.message);
  try {
    const balances = await readBalances(query.value);
    audit({ event: "balances_fetch", user: caller.user, account: query.value.account, outcome: "ok" });
    return balances;
  } catch (error) {
    const outcome =
      error instanceof ApiError
        ? error.code
        : error instanceof GeminiError
          ? error.toApiError().code
          : error instanceof CoordinationError
            ? error.code
            : "error";
    audit({ event: "balances_fetch", user: caller.user, account: query.value.account, outcome });
    throw error;
  }
});
