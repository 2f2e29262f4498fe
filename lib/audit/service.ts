import "server-only";
import { ApiError } from "@/lib/api/errors";
import { parseQuery } from "@/lib/api/query";
import { NO_STORE } from "@/lib/api/response";
import { toApiError } from "@/lib/api/to-api-error";
import { auditedRead, type Caller } from "@/lib/auth/audited-read";
import type { DashboardError } from "@/lib/balances/api-error";
import { getConfig } from "@/lib/config";
import { getStore } from "@/lib/server/runtime";
import type { AuditEventRecord, AuditStore } from "@/lib/store";
import { auditCsvFilename, auditCsvHeader, auditCsvLine } from "./csv";
import { auditQuery, type AuditFilters, type AuditQuery } from "./query";
import type { AuditEventJson, AuditPageJson, AuditVerifyJson } from "./types";

/** What the audit routes and the /audit page answer; the caller (withApi, auditedRead) has checked and audits the read. */

/** The store's trail; `audit_off` when this deployment keeps none (its audit lines are on stdout only). */
async function auditStore(): Promise<AuditStore> {
  const { offReason } = getConfig().history;
  if (offReason !== null) throw new ApiError("audit_off", `The audit trail is written to the server's log only, not kept here. ${offReason}`);
  return (await getStore()).audit;
}

export function auditEventJson(row: AuditEventRecord): AuditEventJson {
  return { ...row, occurredAt: row.occurredAt.toISOString(), details: { ...row.details } };
}

export async function readAuditPage(query: AuditQuery): Promise<AuditPageJson> {
  const page = await (await auditStore()).list(query);
  return { events: page.events.map(auditEventJson), nextBefore: page.nextBefore };
}

/** The event names recorded so far, for the page's filter. */
export async function auditEventNames(): Promise<string[]> {
  return (await auditStore()).eventNames();
}

export async function verifyAuditTrail(now: Date): Promise<AuditVerifyJson> {
  return { ...(await (await auditStore()).verify()), checkedAt: now.toISOString() };
}

/** The audit row of a chain check keeps its verdict, so a later reader sees when the chain last held. */
export function verifyVerdict(result: AuditVerifyJson): Readonly<Record<string, string>> {
  return result.ok
    ? { verdict: "intact", rows: String(result.rows) }
    : { verdict: "broken", rows: String(result.rows), first_bad_id: String(result.firstBadId) };
}

/** Every matching event, oldest first, streamed a page of rows at a time. */
export async function auditCsvResponse(filters: AuditFilters, now: Date): Promise<Response> {
  const rows = (await auditStore()).each(filters)[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(auditCsvHeader()));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(auditCsvLine(auditEventJson(next.value))));
    },
    async cancel() {
      await rows.return?.(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8; header=present",
      "Content-Disposition": `attachment; filename="${auditCsvFilename(now)}"`,
      "Cache-Control": NO_STORE,
    },
  });
}

/** What the /audit page shows: the filters it was asked for, and a page of events or what went wrong. */
export type AuditView =
  | { ok: true; query: AuditQuery; page: AuditPageJson; eventNames: string[] }
  | { ok: false; query: AuditQuery | null; error: DashboardError };

/** The /audit page's read, audited as GET /api/audit audits it; a bad filter is answered before any read. */
export async function readAuditView(search: URLSearchParams, caller: Caller): Promise<AuditView> {
  const parsed = parseQuery(search, auditQuery);
  if (!parsed.ok) return { ok: false, query: null, error: { status: 400, code: "bad_request", message: parsed.message } };
  const query = parsed.value;
  try {
    const [page, eventNames] = await auditedRead({ event: "audit_read", account: query.account ?? null }, caller, () =>
      Promise.all([readAuditPage(query), auditEventNames()]),
    );
    return { ok: true, query, page, eventNames };
  } catch (error) {
    const { status, code, message } = toApiError(error);
    return { ok: false, query, error: { status, code, message } };
  }
}
