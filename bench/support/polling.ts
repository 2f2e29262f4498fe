/** The cache window under test: the documented default of BALANCES_CACHE_TTL_MS. */
export const CACHE_TTL_MS = 5_000;
/** The dashboard refreshes every 30 s by default. */
export const DASHBOARD_REFRESH_MS = 30_000;
/** Simulated dashboards poll 6x as often as real ones: N of them load the server like 6N real ones. */
export const POLL_INTERVAL_MS = 5_000;
