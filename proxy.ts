import { NextResponse, type NextRequest } from "next/server";
import { PAGE_PATH_HEADER } from "@/lib/next-path";
import { pageCsp } from "@/lib/security-headers";

// NODE_ENV is fixed at build time; `next build` and the standalone server are production.
const production = process.env.NODE_ENV === "production";

/**
 * A fresh CSP nonce for every page render: Next reads it from the request's policy and puts it on
 * its own scripts. No sign-in decision is made here; the page and the API wrapper make it.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = pageCsp(nonce, { production });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // The page asked for, so a sign-in redirect can come back to it (set here, never the client's).
  requestHeaders.set(PAGE_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  // Everything but /api/ and /_next/, which get their static policy from next.config.ts. No other
  // exclusion: an unanchored one (it was favicon.ico) also skipped HTML 404s like /favicon.ico/x.
  matcher: ["/((?!api/|_next/).*)"],
};
