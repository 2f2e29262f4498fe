import { readAuditPage } from "@/lib/audit/service";
import { auditQuery } from "@/lib/audit/query";
import { withApi } from "@/lib/http";

/** The audit trail, newest first, filtered; reading it is itself audited. */
export const GET = withApi({ scope: "whole-group", permission: "audit:read", query: auditQuery, audit: (query) => ({ event: "audit_read", account: query.account ?? null }) }, ({ query }) =>
  readAuditPage(query),
);
