import { connectionQuery } from "@/lib/balances/query";
import { withApi } from "@/lib/http";
import type { RolesResponse } from "@/lib/treasury/types";
import { readRoles } from "@/lib/treasury/service";

export const GET = withApi({ query: connectionQuery }, async ({ query }): Promise<RolesResponse> => ({ roles: await readRoles(query.connection) }));
