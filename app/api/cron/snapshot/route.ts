import { withApi } from "@/lib/http";
import { noParameters } from "@/lib/api/query";
import { cronSnapshotJson } from "@/lib/snapshots/service";

/** Vercel Cron (no session): the bearer CRON_SECRET is the credential, checked before anything else. */
export const GET = withApi({ public: true, query: noParameters }, ({ request, caller }) => cronSnapshotJson(request, caller));
