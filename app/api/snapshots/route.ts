import { jsonResponse } from "@/lib/api/response";
import { withApi } from "@/lib/http";
import { listSnapshotsJson, takeSnapshotJson } from "@/lib/snapshots/service";
import { snapshotsQuery } from "@/lib/snapshots/query";
import { noParameters } from "@/lib/api/query";

/** The "Take snapshot now" button: joins a snapshot running in this process, 409 when another holds the lock. */
export const POST = withApi({ permission: "snapshots:take", scope: "whole-group", query: noParameters, audit: () => ({ event: "snapshot_take", account: null }) }, async () =>
  jsonResponse(await takeSnapshotJson(), 201),
);

export const GET = withApi({ permission: "history:read", query: snapshotsQuery, audit: () => ({ event: "snapshots_list", account: null }) }, ({ query, caller }) =>
  listSnapshotsJson(query, caller.accounts),
);
