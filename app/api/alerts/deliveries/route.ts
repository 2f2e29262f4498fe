import { deliveryLog, deliveryLogQuery } from "@/lib/alerts/delivery/service";
import { withApi } from "@/lib/http";

/** The delivery log, newest event first: ?event=<id> and/or ?destination=<id> narrow it. */
export const GET = withApi({ scope: "whole-group", permission: "alerts:manage", query: deliveryLogQuery }, ({ query }) => deliveryLog(query));
