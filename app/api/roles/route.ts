import { noParameters } from "@/lib/api/query";
import { withApi } from "@/lib/http";
import type { RolesResponse } from "@/lib/treasury/types";
import { readRoles } from "@/lib/treasury/service";

export const GET = withApi({ query: noParameters }, async (): Promise<RolesResponse> => ({ roles: await readRoles() }));
