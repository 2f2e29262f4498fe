import { jsonResponse } from "@/lib/api/response";
import { noParameters } from "@/lib/api/query";
import { destinationIdParam, sendTestEvent } from "@/lib/alerts/delivery/service";
import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/http";

/** "Send test event": queued for this destination and sent at once; its delivery shows in the log. */
export const POST = withApi<{ params: Promise<{ id: string }> }>({ scope: "whole-group", permission: "alerts:manage", query: noParameters }, async ({ context, caller }) => {
  const parsed = destinationIdParam.safeParse((await context.params).id);
  if (!parsed.success) throw new ApiError("bad_request", "Destination ids are positive whole numbers.");
  return jsonResponse(await sendTestEvent(parsed.data, caller), 202);
});
