import { readAccounts } from "@/lib/balances/service";
import { withApi } from "@/lib/http";
import { connectionQuery } from "@/lib/balances/query";

export const GET = withApi({ query: connectionQuery }, ({ caller, query }) => readAccounts(caller.accounts, query.connection));
