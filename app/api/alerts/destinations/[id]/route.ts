import { noParameters } from "@/lib/api/query";
import { deleteDestination, destinationIdParam, updateDestination } from "@/lib/alerts/delivery/service";
import { ApiError } from "@/lib/api/errors";
import { withApi } from "@/lib/http";

type Context = { params: Promise<{ id: string }> };

async function destinationId(context: Context): Promise<number> {
  const parsed = destinationIdParam.safeParse((await context.params).id);
  if (!parsed.success) throw new ApiError("bad_request", "Destination ids are positive whole numbers.");
  return parsed.data;
}

export const PATCH = withApi<Context>({ scope: "whole-group", permission: "alerts:manage", query: noParameters }, async ({ request, context, caller }) =>
  updateDestination(await destinationId(context), request, caller),
);

export const DELETE = withApi<Context>({ scope: "whole-group", permission: "alerts:manage", query: noParameters }, async ({ context, caller }) =>
  deleteDestination(await destinationId(context), caller),
);
