/** Connection labels (GEMINI_CONNECTIONS, ?connection=): lowercase letters and digits, dash-separated. Client-safe. */
export const CONNECTION_LABEL_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_CONNECTION_LABEL_LENGTH = 32;
/** `?connection=all` on /api/history and /history: every connection consolidated, so no connection may be called that. */
export const ALL_CONNECTIONS = "all";
