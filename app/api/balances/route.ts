import { auditedRead } from "@/lib/auth/audited-read";
import { parseBalancesQuery } from "@/lib/balances/query";
import { readBalances } from "@/lib/balances/service";
import { ApiError } from "@/lib/errors";
import { withApi } from "@/lib/http";

export const GET = withApi(async (request, _context, caller) => {
  const query = parseBalancesQuery(new URL(request.url).searchParams);
  if (!query.ok) throw new ApiError(400, "bad_request", query.message);
  return auditedRead({ event: "balances_fetch", account: query.value.account }, caller, () => readBalances(query.value));
});
