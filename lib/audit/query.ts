/**
 * The audit trail's filters, as GET /api/audit, GET /api/audit.csv and the /audit page's form
 * send them. Client-safe. An empty field is no filter (a GET form sends every field); a time
 * without a zone is UTC, as the page's fields say.
 */
import { z } from "zod";

/** Rows a page shows when `limit` is not given. */
export const DEFAULT_AUDIT_PAGE_ROWS = 100;
/** The most rows one page may ask for (lib/store/audit.ts MAX_AUDIT_LIST_ROWS). */
export const MAX_AUDIT_PAGE_ROWS = 500;
const MAX_FILTER_TEXT = 200;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const INSTANT_EXAMPLE = "2026-11-30, 2026-11-30T23:59 (UTC) or 2026-11-30T23:59:59+01:00";

/** Empty means absent. */
const blank = (value: string | undefined) => (value === undefined || value === "" ? undefined : value);

/** A date (midnight UTC), or a date-time with or without a zone (then UTC); a fraction past ms is cut. */
export function parseInstant(value: string): Date | null {
  const match = INSTANT.exec(value);
  if (!match) return null;
  const [, year, month, day, time, , , zone] = match;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (calendar.getUTCMonth() !== Number(month) - 1 || calendar.getUTCDate() !== Number(day)) return null;
  const text = time === undefined ? `${value}T00:00:00Z` : zone === undefined ? `${value}Z` : value;
  const date = new Date(text.replace(/(\.\d{3})\d+/, "$1"));
  return Number.isFinite(date.getTime()) ? date : null;
}

const text = (name: string) =>
  z
    .string()
    .max(MAX_FILTER_TEXT, `${name} is at most ${MAX_FILTER_TEXT} characters`)
    .optional()
    .transform(blank);

const instant = (name: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (blank(value) === undefined) return undefined;
      const date = parseInstant(value!);
      if (date === null) {
        ctx.addIssue({ code: "custom", message: `${name} must be a date or date-time such as ${INSTANT_EXAMPLE}` });
        return z.NEVER;
      }
      return date;
    });

const filters = {
  user: text("user"),
  event: z
    .string()
    .regex(/^([a-z][a-z0-9_]{0,63})?$/, "event must be an event name such as balances_fetch")
    .optional()
    .transform(blank),
  account: text("account"),
  from: instant("from"),
  to: instant("to"),
};

const inOrder = ({ from, to }: { from?: Date; to?: Date }) => from === undefined || to === undefined || from <= to;
const ORDER = { message: "from must not be after to" };

/** `?user=&event=&account=&from=&to=&before=&limit=`. */
export const auditQuery = z
  .strictObject({
    ...filters,
    before: z
      .string()
      .regex(/^([1-9]\d{0,14})?$/, "before must be an event id (a positive whole number)")
      .optional()
      .transform((value) => (blank(value) === undefined ? undefined : Number(value))),
    limit: z
      .string()
      .regex(/^(\d{1,3})?$/, `limit must be a whole number from 1 to ${MAX_AUDIT_PAGE_ROWS}`)
      .optional()
      .transform((value) => (blank(value) === undefined ? DEFAULT_AUDIT_PAGE_ROWS : Number(value)))
      .refine((limit) => limit >= 1 && limit <= MAX_AUDIT_PAGE_ROWS, `limit must be a whole number from 1 to ${MAX_AUDIT_PAGE_ROWS}`),
  })
  .refine(inOrder, ORDER);

/** The CSV holds every matching event: the filters, without paging. */
export const auditCsvQuery = z.strictObject(filters).refine(inOrder, ORDER);

export type AuditQuery = z.output<typeof auditQuery>;
export type AuditFilters = Partial<z.output<typeof auditCsvQuery>>;

/** The filters as a query string (times in ISO UTC), for the CSV link and the page's paging links. */
export function auditSearch(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const name of ["user", "event", "account"] as const) {
    const value = filters[name];
    if (value !== undefined) params.set(name, value);
  }
  if (filters.from) params.set("from", filters.from.toISOString());
  if (filters.to) params.set("to", filters.to.toISOString());
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  const search = params.toString();
  return search === "" ? "" : `?${search}`;
}
