import { auditedRead } from "@/lib/auth/audited-read";
import { ApiError } from "@/lib/errors";
import { NO_STORE, withApi } from "@/lib/http";
import { parseBalancesCsvQuery } from "@/lib/treasury/query";
import { readBalancesCsv } from "@/lib/treasury/service";

export const GET = withApi(async (request, _context, caller) => {
  const query = parseBalancesCsvQuery(new URL(request.url).searchParams);
  if (!query.ok) throw new ApiError(400, "bad_request", query.message);
  const { csv, filename } = await auditedRead({ event: "balances_csv", account: query.value.account }, caller, () => readBalancesCsv(query.value));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": NO_STORE,
    },
  });
});
