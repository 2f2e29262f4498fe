import { withApi } from "@/lib/http";
import { readHistory } from "@/lib/snapshots/history";
import { historyQuery } from "@/lib/snapshots/history-query";

export const GET = withApi(
  { permission: "history:read", query: historyQuery, audit: (query) => ({ event: "history_fetch", account: query.account }) },
  ({ query, caller }) => readHistory(query, new Date(), caller.accounts),
);
