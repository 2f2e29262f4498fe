import { withApi } from "@/lib/http";
import { valuationQuery } from "@/lib/treasury/query";
import { readValuation } from "@/lib/treasury/service";

export const GET = withApi(
  { query: valuationQuery, audit: (query) => ({ event: "valuation_fetch", account: query.account }) },
  ({ query, caller }) => readValuation(query, caller.accounts),
);
