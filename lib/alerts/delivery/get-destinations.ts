import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getJson, responseError } from "@/lib/balances/api-error";
import type {
  DeliveriesResponse,
  DemoReceiptsResponse,
  DestinationKind,
  DestinationSavedResponse,
  DestinationsResponse,
  TestEventResponse,
} from "./types";

/** While a delivery is open (pending or retrying) the log, and always the demo receiver, are read again this often. */
export const DELIVERY_LOG_REFRESH_MS = 3_000;

/** A write to the alerts API with a JSON body; failures become the dashboard's coded errors. */
async function sendJson<T>(path: string, method: "POST" | "PATCH" | "DELETE", body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    cache: "no-store",
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw await responseError(response);
  return (await response.json()) as T;
}

export function destinationsQueryOptions() {
  return queryOptions({
    queryKey: ["alert-destinations"] as const,
    queryFn: ({ signal }) => getJson<DestinationsResponse>("/api/alerts/destinations", signal),
    retry: false,
  });
}

export function useDestinations() {
  return useQuery(destinationsQueryOptions());
}

export function useDeliveries() {
  return useQuery({
    queryKey: ["alert-deliveries"] as const,
    queryFn: ({ signal }) => getJson<DeliveriesResponse>("/api/alerts/deliveries", signal),
    retry: false,
    refetchInterval: (query) =>
      query.state.data?.deliveries.some((delivery) => delivery.status === "pending" || delivery.status === "failed") ? DELIVERY_LOG_REFRESH_MS : false,
  });
}

export function useDemoReceipts(enabled: boolean) {
  return useQuery({
    queryKey: ["alert-demo-receipts"] as const,
    queryFn: ({ signal }) => getJson<DemoReceiptsResponse>("/api/alerts/demo-receiver", signal),
    retry: false,
    enabled,
    refetchInterval: DELIVERY_LOG_REFRESH_MS,
  });
}

function useInvalidateAlerts() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(["alert-destinations", "alert-deliveries", "alert-demo-receipts"].map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
}

export interface NewDestinationInput {
  name: string;
  kind: DestinationKind;
  url: string;
  secret?: string;
}

export function useCreateDestination() {
  const invalidate = useInvalidateAlerts();
  return useMutation({
    mutationFn: (input: NewDestinationInput) => sendJson<DestinationSavedResponse>("/api/alerts/destinations", "POST", input),
    onSuccess: invalidate,
  });
}

export function useUpdateDestination() {
  const invalidate = useInvalidateAlerts();
  return useMutation({
    mutationFn: ({ id, ...changes }: { id: number; enabled?: boolean; name?: string; rotateSecret?: true }) =>
      sendJson<DestinationSavedResponse>(`/api/alerts/destinations/${id}`, "PATCH", changes),
    onSuccess: invalidate,
  });
}

export function useDeleteDestination() {
  const invalidate = useInvalidateAlerts();
  return useMutation({
    mutationFn: (id: number) => sendJson<{ deleted: number }>(`/api/alerts/destinations/${id}`, "DELETE"),
    onSuccess: invalidate,
  });
}

/** "Send test event": the log is read again at once, then every few seconds until the delivery settles. */
export function useSendTestEvent() {
  const invalidate = useInvalidateAlerts();
  return useMutation({
    mutationFn: (id: number) => sendJson<TestEventResponse>(`/api/alerts/destinations/${id}/test`, "POST"),
    onSuccess: invalidate,
  });
}
