import { readAccounts } from "@/lib/balances/service";
import { withApi } from "@/lib/http";

export const GET = withApi({}, ({ caller }) => readAccounts(caller.accounts));
