/**
 * The audit trail as CSV (RFC 4180), one row per event with its hashes, so an auditor can check
 * the chain outside the dashboard. Client-safe; cells go through the dashboard's one CSV writer.
 */
import { csvLine, csvText } from "@/lib/treasury/csv";
import type { AuditEventJson } from "./types";

export const AUDIT_CSV_HEADER = ["id", "occurredAt", "event", "user", "outcome", "account", "address", "details", "prevHash", "hash"] as const;

/** Details as JSON with sorted keys, as the chain hashes them. */
function detailsText(details: Record<string, string>): string {
  const keys = Object.keys(details).sort();
  return keys.length === 0 ? "" : JSON.stringify(Object.fromEntries(keys.map((key) => [key, details[key]])));
}

function cells(event: AuditEventJson): string[] {
  return [
    String(event.id),
    event.occurredAt,
    csvText(event.event),
    csvText(event.user ?? ""),
    csvText(event.outcome),
    csvText(event.account ?? ""),
    csvText(event.address ?? ""),
    csvText(detailsText(event.details)),
    event.prevHash,
    event.hash,
  ];
}

/** The header line; then one `auditCsvLine` per event. */
export const auditCsvHeader = () => csvLine(AUDIT_CSV_HEADER);

export const auditCsvLine = (event: AuditEventJson) => csvLine(cells(event));

/** e.g. audit-trail-20261130T235959Z.csv (when it was exported, UTC). */
export function auditCsvFilename(at: Date): string {
  return `audit-trail-${at.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z")}.csv`;
}
