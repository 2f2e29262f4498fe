import { NO_STORE } from "@/lib/api/response";
import { withApi } from "@/lib/http";
import { readStatementCsv } from "@/lib/snapshots/history";
import { statementCsvQuery } from "@/lib/snapshots/history-query";

export const GET = withApi(
  { permission: "exports:read", query: statementCsvQuery, audit: () => ({ event: "statement_csv", account: null }) },
  async ({ query, caller }) => {
    const { csv, filename, sha256 } = await readStatementCsv(query, caller.accounts);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8; header=present",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "X-Content-SHA256": sha256,
        "Cache-Control": NO_STORE,
      },
    });
  },
);
