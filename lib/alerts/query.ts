import { z } from "zod";

/** Events /alerts lists unless asked for more. */
export const DEFAULT_EVENTS_LIMIT = 50;
/** The most GET /api/alerts/events returns at once. */
export const MAX_EVENTS_LIMIT = 200;

/** `GET /api/alerts/events?limit=`: 1 to MAX_EVENTS_LIMIT, newest first. */
export const alertEventsQuery = z.strictObject({
  limit: z
    .string()
    .regex(/^[1-9]\d{0,3}$/, `limit must be a whole number from 1 to ${MAX_EVENTS_LIMIT}`)
    .transform(Number)
    .refine((limit) => limit <= MAX_EVENTS_LIMIT, `limit must be a whole number from 1 to ${MAX_EVENTS_LIMIT}`)
    .optional()
    .transform((limit) => limit ?? DEFAULT_EVENTS_LIMIT),
});

export type AlertEventsQuery = z.output<typeof alertEventsQuery>;
