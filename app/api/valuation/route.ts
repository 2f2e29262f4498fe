import { auditedRead } from "@/lib/auth/audited-read";
import { ApiError } from "@/lib/errors";
import { withApi } from "@/lib/http";
import { parseValuationQuery } from "@/lib/treasury/query";
import { readValuation } from "@/lib/treasury/service";

export const GET = withApi(async (request, _context, caller) => {
  const query = parseValuationQuery(new URL(request.url).searchParams);
  if (!query.ok) throw new ApiError(400, "bad_request", query.message);
  return auditedRead({ event: "valuation_fetch", account: query.value.account }, caller, () => readValuation(query.value));
});
