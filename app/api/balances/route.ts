import { balancesQuery } from "@/lib/balances/query";
import { readBalances } from "@/lib/balances/service";
import { withApi } from "@/lib/http";

export const GET = withApi(
  { query: balancesQuery, audit: (query) => ({ event: "balances_fetch", account: query.account }) },
  ({ query, caller }) => readBalances(query, caller.accounts),
);
