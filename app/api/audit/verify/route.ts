import { noParameters } from "@/lib/api/query";
import { verifyAuditTrail, verifyVerdict } from "@/lib/audit/service";
import { withApi } from "@/lib/http";

/** Recomputes the whole chain: ok with the row count and head hash, or the first bad row. */
export const GET = withApi({ scope: "whole-group", permission: "audit:read", query: noParameters, audit: () => ({ event: "audit_verify", account: null, details: verifyVerdict }) }, () => verifyAuditTrail(new Date()));
