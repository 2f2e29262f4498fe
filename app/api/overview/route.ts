import { withApi } from "@/lib/http";
import { overviewQuery } from "@/lib/treasury/query";
import { readOverview } from "@/lib/treasury/service";

export const GET = withApi(
  { query: overviewQuery, audit: () => ({ event: "overview_fetch", account: null }) },
  ({ query, caller }) => readOverview(query, caller.accounts),
);
