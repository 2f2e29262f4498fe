import { noParameters } from "@/lib/api/query";
import { deleteRuleJson, updateRuleJson } from "@/lib/alerts/service";
import { withApi } from "@/lib/http";

type Context = { params: Promise<{ id: string }> };

/** Edit, pause ({"paused": true}) or resume ({"paused": false}). */
export const PATCH = withApi<Context>({ scope: "whole-group", permission: "alerts:manage", query: noParameters }, async ({ request, context, caller }) =>
  updateRuleJson((await context.params).id, request, caller),
);

export const DELETE = withApi<Context>({ scope: "whole-group", permission: "alerts:manage", query: noParameters }, async ({ context, caller }) =>
  deleteRuleJson((await context.params).id, caller),
);
