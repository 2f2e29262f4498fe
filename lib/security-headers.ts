/**
 * Response headers for every path. Pages get a nonce-based Content-Security-Policy from proxy.ts
 * (Next applies the nonce to its own scripts); everything else gets the static lock-down below.
 */
export interface HeaderOptions {
  production: boolean;
}

const HSTS_MAX_AGE_SECONDS = 2 * 365 * 24 * 60 * 60;

const PERMISSIONS_POLICY =
  "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

/** For responses that are not pages (API JSON, static files): nothing may run, nothing may frame. */
export const STATIC_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

export function securityHeaders({ production }: HeaderOptions): Record<string, string> {
  return {
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(production ? { "Strict-Transport-Security": `max-age=${HSTS_MAX_AGE_SECONDS}; includeSubDomains` } : {}),
  };
}

/**
 * A page's policy: scripts only with this response's nonce ('strict-dynamic' lets them load
 * Next's chunks). React needs eval only in development. Style attributes stay allowed: a CSS
 * injection cannot run code, and React's `style` props would otherwise break.
 */
export function pageCsp(nonce: string, { production }: HeaderOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${production ? "" : " 'unsafe-eval'"}`,
    // The development overlay injects styles without a nonce.
    `style-src 'self' ${production ? `'nonce-${nonce}'` : "'unsafe-inline'"}`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
