import { withApi } from "@/lib/http";
import { readStatement } from "@/lib/snapshots/history";
import { statementQuery } from "@/lib/snapshots/history-query";

export const GET = withApi(
  { query: statementQuery, audit: (query) => ({ event: "statement_fetch", account: query.account }) },
  ({ query, caller }) => readStatement(query, caller.accounts),
);
