import { auditCsvResponse } from "@/lib/audit/service";
import { auditCsvQuery } from "@/lib/audit/query";
import { withApi } from "@/lib/http";

/** Every matching event as CSV, with its hashes. */
export const GET = withApi({ scope: "whole-group", permission: ["audit:read", "exports:read"], query: auditCsvQuery, audit: (query) => ({ event: "audit_csv", account: query.account ?? null }) }, ({ query }) =>
  auditCsvResponse(query, new Date()),
);
