import { alertEventsQuery } from "@/lib/alerts/query";
import { listEventsJson } from "@/lib/alerts/service";
import { withApi } from "@/lib/http";

export const GET = withApi({ permission: "alerts:manage", query: alertEventsQuery }, ({ query }) => listEventsJson(query));
