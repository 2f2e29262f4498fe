import { z } from "zod";
import { connectionParam } from "@/lib/balances/query";

/** An ISO-8601 instant: a date (midnight UTC) or a date-time with Z or an offset. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

const instantParam = (name: string) =>
  z
    .string()
    .regex(ISO_INSTANT, `${name} must be an ISO-8601 date or date-time, e.g. 2026-11-30 or 2026-11-30T23:59:59Z`)
    .transform((value, ctx) => {
      const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
      // The regex lets 2026-02-31 through; Date would roll it over into March.
      const [year, month, day] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
      const calendar = new Date(Date.UTC(year, month - 1, day));
      if (Number.isNaN(date.getTime()) || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) {
        ctx.addIssue({ code: "custom", message: `${name} is not a real date: ${value}` });
        return z.NEVER;
      }
      return date;
    })
    .optional()
    .transform((date) => date ?? null);

/** `GET /api/snapshots?connection=&from=&to=`: all optional, from <= to. */
export const snapshotsQuery = z
  .strictObject({ connection: connectionParam, from: instantParam("from"), to: instantParam("to") })
  .refine(({ from, to }) => from === null || to === null || from <= to, { message: "from must not be after to" });

export type SnapshotsQuery = z.output<typeof snapshotsQuery>;

/** A snapshot id in a path: a positive whole number. */
export function snapshotIdParam(value: string): number | null {
  if (!/^[1-9]\d{0,14}$/.test(value)) return null;
  return Number(value);
}
