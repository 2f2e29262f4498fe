/** Gemini account short names as the dashboard accepts them (?account=, DASHBOARD_ACCOUNTS): letters, digits, '-' and '_'. */
export const ACCOUNT_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
