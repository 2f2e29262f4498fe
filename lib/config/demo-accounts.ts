/** DEMO_ACCOUNTS: the demo group's size, its five named accounts included. */
export const MIN_DEMO_ACCOUNTS = 5;
/** Four pages of Gemini's account list; past this a demo group only slows the demo down. */
export const MAX_DEMO_ACCOUNTS = 2_000;
/**
 * The desks DEMO_ACCOUNTS adds were opened this long before the server started: the seeded past
 * (lib/snapshots/demo-history.ts) then holds them in its last few hourly snapshots only, which
 * keeps the seed to seconds with thousands of desks.
 */
export const DEMO_DESKS_AGE_MS = 6 * 3_600_000;
