/** Connection labels (GEMINI_CONNECTIONS, ?connection=): lowercase letters and digits, dash-separated. Client-safe. */
export const CONNECTION_LABEL_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_CONNECTION_LABEL_LENGTH = 32;
