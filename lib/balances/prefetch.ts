import "server-only";
import type { QueryClient } from "@tanstack/react-query";
import { parseQuery } from "@/lib/api/query";
import { toApiError } from "@/lib/api/to-api-error";
import type { DashboardError } from "@/lib/balances/api-error";
import type { DashboardParams } from "@/lib/balances/dashboard-url";
import { accountsQueryOptions, defaultAccount } from "@/lib/balances/get-accounts";
import { balancesQueryOptions } from "@/lib/balances/get-balances";
import { auditedRead, type Caller } from "@/lib/auth/audited-read";
import { balancesQuery } from "@/lib/balances/query";
import { readAccounts, readBalances } from "@/lib/balances/service";

/**
 * Fills the request's QueryClient with the accounts and the balances the page will show, by
 * calling lib directly (never this app's own HTTP API), under the same keys the browser uses.
 * The balances read is audited for `caller` as /api/balances audits it.
 * A failure is returned as the API would have reported it, so the first HTML can say what happened.
 */
export async function prefetchDashboard(
  queryClient: QueryClient,
  params: DashboardParams,
  caller: Caller,
): Promise<DashboardError | null> {
  try {
    const connection = params.connection ?? null;
    const accounts = await queryClient.fetchQuery({ ...accountsQueryOptions(connection), queryFn: () => readAccounts(caller.accounts, connection) });
    const account = accounts.master ? (params.account ?? defaultAccount(accounts.accounts)) : params.account;
    if (accounts.master && account === null) return null; // no exchange account at all: the page says so
    const search = new URLSearchParams({ pending: String(params.pending) });
    if (connection !== null) search.set("connection", connection);
    if (account !== null) search.set("account", account);
    const parsed = parseQuery(search, balancesQuery);
    if (!parsed.ok) return { status: 400, code: "bad_request", message: parsed.message };
    const query = parsed.value;
    await queryClient.fetchQuery({
      ...balancesQueryOptions(query),
      queryFn: async () => ({
        ...(await auditedRead({ event: "balances_fetch", account: query.account }, caller, () => readBalances(query, caller.accounts))),
        receivedAt: Date.now(),
      }),
    });
    return null;
  } catch (error) {
    const { status, code, message } = toApiError(error);
    return { status, code, message };
  }
}
