import { auditedRead } from "@/lib/auth/audited-read";
import { ApiError } from "@/lib/errors";
import { withApi } from "@/lib/http";
import { parseOverviewQuery } from "@/lib/treasury/query";
import { readOverview } from "@/lib/treasury/service";

export const GET = withApi(async (request, _context, caller) => {
  const query = parseOverviewQuery(new URL(request.url).searchParams);
  if (!query.ok) throw new ApiError(400, "bad_request", query.message);
  return auditedRead({ event: "overview_fetch", account: null }, caller, () => readOverview(query.value));
});
