import { parseBalancesQuery } from "@/lib/balances/query";
import { readBalances } from "@/lib/balances/service";
import { ApiError } from "@/lib/errors";
import { withApi } from "@/lib/http";

export const GET = withApi(async (request) => {
  const query = parseBalancesQuery(new URL(request.url).searchParams);
  if (!query.ok) throw new ApiError(400, "bad_request", query.message);
  return readBalances(query.value);
});
