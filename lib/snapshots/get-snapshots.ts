import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getJson, postJson } from "@/lib/balances/api-error";
import type { SnapshotTakenResponse, SnapshotsResponse } from "@/lib/snapshots/types";

const SNAPSHOTS_STALE_TIME_MS = 60_000;

/** A connection's snapshots (null: the default connection's, at the address it always had). */
export function snapshotsApiPath(connection: string | null): string {
  return connection === null ? "/api/snapshots" : `/api/snapshots?${new URLSearchParams({ connection })}`;
}

export function snapshotsQueryOptions(connection: string | null = null) {
  return queryOptions({
    queryKey: ["snapshots", { connection }] as const,
    queryFn: ({ signal }) => getJson<SnapshotsResponse>(snapshotsApiPath(connection), signal),
    staleTime: SNAPSHOTS_STALE_TIME_MS,
    retry: false,
  });
}

export function useSnapshots(connection: string | null = null) {
  return useQuery(snapshotsQueryOptions(connection));
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
