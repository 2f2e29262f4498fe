import { noParameters } from "@/lib/api/query";
import { listActiveSessions } from "@/lib/auth/manage-sessions";
import { getConfig } from "@/lib/config";
import { withApi } from "@/lib/http";

/** Every session still usable, for admins. */
export const GET = withApi({ scope: "whole-group", permission: "sessions:manage", query: noParameters }, async () => ({ sessions: await listActiveSessions(getConfig()) }));
