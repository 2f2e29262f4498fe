import { noParameters } from "@/lib/api/query";
import { endOwnSessions } from "@/lib/auth/manage-sessions";
import { getConfig } from "@/lib/config";
import { withApi } from "@/lib/http";

/** "Sign out everywhere": ends every session of the caller, this one included. */
export const POST = withApi({ query: noParameters }, ({ request, caller }) => endOwnSessions(request, getConfig(), caller));
