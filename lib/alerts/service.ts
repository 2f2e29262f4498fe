import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { audit, type AlertRuleEvent } from "@/lib/auth/audit";
import type { Caller } from "@/lib/auth/audited-read";
import { readBodyLimited } from "@/lib/request-body";
import { getStore } from "@/lib/server/runtime";
import type { AlertRuleRecord } from "@/lib/store";
import { alertEventJson, alertRuleJson } from "./json";
import type { AlertEventsQuery } from "./query";
import { firstIssue, newRuleBody, ruleChangeBody, ruleIdParam } from "./rules";
import type { AlertEventsResponse, AlertRuleResponse, AlertRulesResponse } from "./types";

/** A rule's JSON is a few hundred bytes; this leaves room and refuses anything bigger unread. */
const MAX_RULE_BODY_BYTES = 4_096;

/** The body as the schema reads it, or 400 alert_rule_invalid naming the first problem. */
async function readRuleBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const text = new TextDecoder().decode(await readBodyLimited(request, MAX_RULE_BODY_BYTES));
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError("alert_rule_invalid", 'Send the rule as JSON, e.g. {"name": "Payroll floor", "params": {"kind": "balance", ...}}.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError("alert_rule_invalid", firstIssue(parsed.error));
  return parsed.data;
}

function ruleId(idText: string): number {
  const id = ruleIdParam(idText);
  if (id === null) throw new ApiError("alert_rule_not_found", "A rule id is a positive whole number, e.g. /api/alerts/rules/3.");
  return id;
}

function notFound(id: number): ApiError {
  return new ApiError("alert_rule_not_found", `No alert rule ${id}.`);
}

/** Every rule change writes its audit line, naming the rule, before the answer leaves. */
async function auditRule(event: AlertRuleEvent, caller: Caller, rule: AlertRuleRecord, extra: Record<string, string> = {}): Promise<void> {
  await audit({
    event,
    user: caller.user,
    outcome: "ok",
    address: caller.address,
    details: { rule_id: String(rule.id), rule_name: rule.name, rule_kind: rule.params.kind, ...extra },
  });
}

export async function listRulesJson(): Promise<AlertRulesResponse> {
  const store = await getStore();
  return { rules: (await store.alerts.listRules()).map(alertRuleJson) };
}

export async function createRuleJson(request: Request, caller: Caller): Promise<AlertRuleResponse> {
  const body = await readRuleBody(request, newRuleBody);
  const store = await getStore();
  const rule = await store.alerts.createRule({ name: body.name, params: body.params, paused: body.paused ?? false, createdBy: caller.user, at: new Date() });
  await auditRule("alert_rule_created", caller, rule);
  return { rule: alertRuleJson(rule) };
}

/** Edit (name, params) and pause or resume, each audited as what it is. */
export async function updateRuleJson(idText: string, request: Request, caller: Caller): Promise<AlertRuleResponse> {
  const id = ruleId(idText);
  const change = await readRuleBody(request, ruleChangeBody);
  const store = await getStore();
  const updated = await store.alerts.updateRule(id, change, new Date());
  if (!updated) throw notFound(id);
  const { before, after } = updated;
  const edited = [
    change.name !== undefined && change.name !== before.name ? "name" : null,
    change.params !== undefined && JSON.stringify(change.params) !== JSON.stringify(before.params) ? "params" : null,
  ].filter((field) => field !== null);
  if (edited.length > 0) await auditRule("alert_rule_updated", caller, after, { changed: edited.join(",") });
  if (after.paused !== before.paused) await auditRule(after.paused ? "alert_rule_paused" : "alert_rule_resumed", caller, after);
  return { rule: alertRuleJson(after) };
}

export async function deleteRuleJson(idText: string, caller: Caller): Promise<{ deleted: number }> {
  const id = ruleId(idText);
  const store = await getStore();
  const deleted = await store.alerts.deleteRule(id);
  if (!deleted) throw notFound(id);
  await auditRule("alert_rule_deleted", caller, deleted);
  return { deleted: id };
}

export async function listEventsJson({ limit }: AlertEventsQuery): Promise<AlertEventsResponse> {
  const store = await getStore();
  return { events: (await store.alerts.listEvents({ limit })).map(alertEventJson) };
}
