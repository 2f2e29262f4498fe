import { NO_STORE } from "@/lib/api/response";
import { withApi } from "@/lib/http";
import { balancesCsvQuery } from "@/lib/treasury/query";
import { readBalancesCsv } from "@/lib/treasury/service";

export const GET = withApi(
  { permission: "exports:read", query: balancesCsvQuery, audit: (query) => ({ event: "balances_csv", account: query.account }) },
  async ({ query, caller }) => {
    const { csv, filename } = await readBalancesCsv(query, caller.accounts);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8; header=present",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": NO_STORE,
      },
    });
  },
);
