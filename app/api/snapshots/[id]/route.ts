import { withApi } from "@/lib/http";
import { noParameters } from "@/lib/api/query";
import { readSnapshotJson } from "@/lib/snapshots/service";

export const GET = withApi<{ params: Promise<{ id: string }> }>(
  { permission: "history:read", query: noParameters, audit: () => ({ event: "snapshot_read", account: null }) },
  async ({ context, caller }) => readSnapshotJson((await context.params).id, caller.accounts),
);
