import type { NextConfig } from "next";
import { securityHeaders, STATIC_CSP } from "./lib/security-headers";

const production = process.env.NODE_ENV === "production";
const toList = (headers: Record<string, string>) => Object.entries(headers).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // A self-contained server in .next/standalone for self-hosting and Docker; Vercel ignores it.
  output: "standalone",
  poweredByHeader: false,
  // PGlite loads its .wasm and .data files beside its own code at run time; bundled, it loses
  // them (vercel/next.js#83046). External, the standalone trace copies the package whole.
  serverExternalPackages: ["@electric-sql/pglite"],
  // The history store reads its SQL migrations from disk at start, which tracing cannot see.
  outputFileTracingIncludes: { "/*": ["./lib/store/migrations/**/*"] },
  reactStrictMode: true,
  // forbidden() and app/forbidden.tsx: a role that may not open a page gets a 403 page, not a redirect.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      { source: "/:path*", headers: toList(securityHeaders({ production })) },
      // Pages get a per-request nonce policy from proxy.ts instead.
      { source: "/api/:path*", headers: toList({ "Content-Security-Policy": STATIC_CSP }) },
      { source: "/_next/:path*", headers: toList({ "Content-Security-Policy": STATIC_CSP }) },
    ];
  },
};

export default nextConfig;
