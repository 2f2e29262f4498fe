import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getJson, postJson } from "@/lib/balances/api-error";
import type { SnapshotTakenResponse, SnapshotsResponse } from "@/lib/snapshots/types";

const SNAPSHOTS_STALE_TIME_MS = 60_000;

export function snapshotsQueryOptions() {
  return queryOptions({
    queryKey: ["snapshots"] as const,
    queryFn: ({ signal }) => getJson<SnapshotsResponse>("/api/snapshots", signal),
    staleTime: SNAPSHOTS_STALE_TIME_MS,
    retry: false,
  });
}

export function useSnapshots() {
  return useQuery(snapshotsQueryOptions());
}

/** "Take snapshot now": on success the list and every chart are read again, so the new one shows. */
export function useTakeSnapshot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => postJson<SnapshotTakenResponse>("/api/snapshots"),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["snapshots"] }),
        queryClient.invalidateQueries({ queryKey: ["history"] }),
      ]);
    },
  });
}
