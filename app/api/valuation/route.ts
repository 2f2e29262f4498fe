import { ApiError } from "@/lib/errors";
import { withApi } from "@/lib/http";
import { audited } from "@/lib/treasury/audited";
import { parseValuationQuery } from "@/lib/treasury/query";
import { readValuation } from "@/lib/treasury/service";

export const GET = withApi(async (request, _context, caller) => {
  const query = parseValuationQuery(new URL(request.url).searchParams);
  if (!query.ok) throw new ApiError(400, "bad_request", query.message);
  return audited("valuation_fetch", caller, query.value.account, () => readValuation(query.value));
});
