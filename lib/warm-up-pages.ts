/**
 * The server's warm-up at start (lib/server/warm-up.ts): the pages it renders for itself, how
 * often, and the header those renders carry its secret in. Three renders bring the route close to
 * its warm speed (docs/benchmarks.md).
 */
export const WARM_UP_HEADER = "x-dashboard-warm-up";
export const WARM_UP_PAGES = ["/overview"] as const;
export const WARM_UP_ROUNDS = 3;
