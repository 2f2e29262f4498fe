import { noParameters } from "@/lib/api/query";
import { jsonResponse } from "@/lib/api/response";
import { createRuleJson, listRulesJson } from "@/lib/alerts/service";
import { withApi } from "@/lib/http";

export const GET = withApi({ scope: "whole-group", permission: "alerts:manage", query: noParameters }, () => listRulesJson());

export const POST = withApi({ scope: "whole-group", permission: "alerts:manage", query: noParameters }, async ({ request, caller }) =>
  jsonResponse(await createRuleJson(request, caller), 201),
);
