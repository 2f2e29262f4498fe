import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { getJson, sendJson } from "@/lib/balances/api-error";
import { DEFAULT_EVENTS_LIMIT } from "./query";
import type { AlertEventsResponse, AlertRuleResponse, AlertRulesResponse } from "./types";

/** Rules change only here or by a snapshot: a minute old is fresh enough, and every change reads them again. */
const ALERTS_STALE_TIME_MS = 60_000;

export function alertRulesQueryOptions() {
  return queryOptions({
    queryKey: ["alerts", "rules"] as const,
    queryFn: ({ signal }) => getJson<AlertRulesResponse>("/api/alerts/rules", signal),
    staleTime: ALERTS_STALE_TIME_MS,
    retry: false,
  });
}

export function alertEventsQueryOptions(limit = DEFAULT_EVENTS_LIMIT) {
  return queryOptions({
    queryKey: ["alerts", "events", { limit }] as const,
    queryFn: ({ signal }) => getJson<AlertEventsResponse>(`/api/alerts/events?limit=${limit}`, signal),
    staleTime: ALERTS_STALE_TIME_MS,
    retry: false,
  });
}

export function useAlertRules() {
  return useQuery(alertRulesQueryOptions());
}

export function useAlertEvents() {
  return useQuery(alertEventsQueryOptions());
}

/** After any change the rules (and, for a new state, the events) are read again. */
function useAlertsMutation<V, T>(send: (variables: V) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["alerts"] }),
  });
}

/** The form's body as typed: the server validates it and answers alert_rule_invalid naming the field. */
export interface RuleBody {
  name: string;
  params: unknown;
}

export function useCreateRule() {
  return useAlertsMutation((body: RuleBody) => sendJson<AlertRuleResponse>("/api/alerts/rules", "POST", body));
}

export function useUpdateRule() {
  return useAlertsMutation(({ id, change }: { id: number; change: Partial<RuleBody> & { paused?: boolean } }) =>
    sendJson<AlertRuleResponse>(`/api/alerts/rules/${id}`, "PATCH", change),
  );
}

export function useDeleteRule() {
  return useAlertsMutation((id: number) => sendJson<{ deleted: number }>(`/api/alerts/rules/${id}`, "DELETE"));
}
