/** The store's alert records as the API's JSON (types only from the store: nothing server-side is bundled). */
import type { AlertRuleRecord } from "@/lib/store";
import { describeRule } from "./rules";
import type { AlertEvent, AlertEventJson, AlertRuleJson } from "./types";

export function alertRuleJson(rule: AlertRuleRecord): AlertRuleJson {
  return {
    id: rule.id,
    name: rule.name,
    params: rule.params,
    description: describeRule(rule.params),
    paused: rule.paused,
    state: rule.state.state,
    since: rule.state.since.toISOString(),
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
    createdBy: rule.createdBy,
  };
}

export function alertEventJson(event: AlertEvent): AlertEventJson {
  return { ...event, occurredAt: event.occurredAt.toISOString() };
}
