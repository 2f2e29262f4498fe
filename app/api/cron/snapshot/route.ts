import { jsonResponse } from "@/lib/api/response";
import { withApi } from "@/lib/http";
import { noParameters } from "@/lib/api/query";
import { cronSnapshotJson } from "@/lib/snapshots/service";

/** Vercel Cron (no session): the bearer CRON_SECRET is the credential, checked before anything else. */
export const GET = withApi({ public: true, query: noParameters }, async ({ request, caller }) =>
  jsonResponse(await cronSnapshotJson(request, caller), 201),
);
