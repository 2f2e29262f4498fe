import { ApiError } from "@/lib/errors";
import { withApi } from "@/lib/http";
import type { RolesResponse } from "@/lib/treasury/types";
import { readRoles } from "@/lib/treasury/service";

export const GET = withApi(async (request): Promise<RolesResponse> => {
  if (new URL(request.url).search !== "") throw new ApiError(400, "bad_request", "/api/roles takes no parameters");
  return { roles: await readRoles() };
});
