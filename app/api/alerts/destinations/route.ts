import { jsonResponse } from "@/lib/api/response";
import { noParameters } from "@/lib/api/query";
import { createDestination, listDestinations } from "@/lib/alerts/delivery/service";
import { withApi } from "@/lib/http";

export const GET = withApi({ scope: "whole-group", permission: "alerts:manage", query: noParameters }, () => listDestinations());

/** The answer carries the webhook's secret this once. */
export const POST = withApi({ scope: "whole-group", permission: "alerts:manage", query: noParameters }, async ({ request, caller }) =>
  jsonResponse(await createDestination(request, caller), 201),
);
