import { alertEventsQuery } from "@/lib/alerts/query";
import { listEventsJson } from "@/lib/alerts/service";
import { withApi } from "@/lib/http";

export const GET = withApi({ scope: "whole-group", permission: "alerts:manage", query: alertEventsQuery }, ({ query }) => listEventsJson(query));
