/** The history routes' queries, in the style of lib/balances/query.ts. Client-safe. */
import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { accountParam, connectionParam } from "@/lib/balances/query";
import { ALL_CONNECTIONS } from "@/lib/config/connection-label";
import type { HistoryStepJson } from "./types";

/** A chart of hours is readable up to a month; longer ranges are asked for by day. */
export const MAX_HOURLY_RANGE_DAYS = 31;
/** The range GET /api/history shows when `from` is not given. */
export const DEFAULT_HISTORY_DAYS = 30;
const DAY_MS = 86_400_000;

const INSTANT_EXAMPLE = "2026-11-30T23:59:59Z";
// With seconds (any fraction) or without; always with a zone, so a time never depends on the server's.
const isoWithSeconds = z.iso.datetime({ offset: true });
const isoMinutes = z.iso.datetime({ offset: true, precision: -1 });
const isoDate = z.iso.date();

/**
 * An ISO-8601 date-time with Z or an offset, as a Date (a fraction beyond milliseconds is cut,
 * never rounded up). A range bound may also be a date (midnight UTC), as /api/snapshots takes;
 * a statement's `at` may not: "30 November" would read as its first instant, not its end.
 */
function instantParam(name: string, { dateAllowed }: { dateAllowed: boolean }) {
  const problem = `${name} must be an ISO-8601 ${dateAllowed ? "date or " : ""}date-time with a zone, such as ${INSTANT_EXAMPLE}`;
  const valid = (value: string) =>
    isoWithSeconds.safeParse(value).success || isoMinutes.safeParse(value).success || (dateAllowed && isoDate.safeParse(value).success);
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${name} is required: ${problem}` : problem) })
    .refine(valid, problem)
    .transform((value) => new Date(value.length === 10 ? `${value}T00:00:00Z` : value))
    .refine((date) => Number.isFinite(date.getTime()), problem);
}

/** Currency codes as Gemini writes them (BTC, GUSD, 1INCH); matched upper-case. */
const currencyParam = z
  .string()
  .regex(/^[A-Za-z0-9]{1,16}$/, "currency must be a currency code such as BTC (1-16 letters or digits)")
  .optional()
  .transform((currency) => currency?.toUpperCase() ?? null);

/**
 * `?connection=&account=&currency=&from=&to=&step=day|hour` (connection=all: every connection summed, no account); the range is settled by historyRange, here too so
 * that a range it refuses is a 400 from the route wrapper, before the read is audited or the store asked.
 */
export const historyQuery = z
  .strictObject({
    connection: connectionParam,
    account: accountParam,
    currency: currencyParam,
    from: instantParam("from", { dateAllowed: true }).optional(),
    to: instantParam("to", { dateAllowed: true }).optional(),
    step: z
      .enum(["day", "hour"], { message: "step must be 'day' or 'hour'" })
      .optional()
      .transform((step) => step ?? "day"),
  })
  .superRefine((query, ctx) => {
    // Zod runs this even when a field failed (its issue is reported already): only whole ranges are settled.
    if (ctx.issues.length > 0) return;
    if (query.connection === ALL_CONNECTIONS && query.account !== null) {
      ctx.addIssue({ code: "custom", message: `account names an account of one connection: choose that connection instead of connection=${ALL_CONNECTIONS}` });
      return;
    }
    try {
      historyRange(query, new Date());
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      ctx.addIssue({ code: "custom", message: error.message });
    }
  });

/** `?connection=&at=&account=`. */
export const statementQuery = z.strictObject({ connection: connectionParam, at: instantParam("at", { dateAllowed: false }), account: accountParam });

/** `?connection=&at=`: the statement CSV covers every account of the connection. */
export const statementCsvQuery = z.strictObject({ connection: connectionParam, at: instantParam("at", { dateAllowed: false }) });

export type HistoryQuery = z.output<typeof historyQuery>;
export type StatementQuery = z.output<typeof statementQuery>;
export type StatementCsvQuery = z.output<typeof statementCsvQuery>;

export interface HistoryRange {
  from: Date;
  to: Date;
  step: HistoryStepJson;
}

/**
 * The range asked for, with the defaults filled in (to = now, from = to - 30 days); a range that
 * cannot be answered is a 400 before the store is asked.
 */
export function historyRange(query: Pick<HistoryQuery, "from" | "to" | "step">, now: Date): HistoryRange {
  const to = query.to ?? now;
  const from = query.from ?? new Date(to.getTime() - DEFAULT_HISTORY_DAYS * DAY_MS);
  if (from > to) throw new ApiError("bad_request", `from (${from.toISOString()}) is after to (${to.toISOString()})`);
  if (query.step === "hour" && to.getTime() - from.getTime() > MAX_HOURLY_RANGE_DAYS * DAY_MS) {
    throw new ApiError("bad_request", `step=hour covers at most ${MAX_HOURLY_RANGE_DAYS} days: use step=day for a longer range`);
  }
  return { from, to, step: query.step };
}
