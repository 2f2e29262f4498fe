import { noParameters } from "@/lib/api/query";
import { revokeSession } from "@/lib/auth/manage-sessions";
import { getConfig } from "@/lib/config";
import { withApi } from "@/lib/http";

type Context = { params: Promise<{ id: string }> };

/** An admin ends one session: every instance refuses its cookie from now on. */
export const DELETE = withApi<Context>({ scope: "whole-group", permission: "sessions:manage", query: noParameters }, async ({ context, caller }) =>
  revokeSession((await context.params).id, getConfig(), caller),
);
