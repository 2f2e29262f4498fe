/** Security headers on every kind of response the production build sends: pages, redirects, API, static files. */
import { expect, test, type APIResponse } from "@playwright/test";
import { AUTH } from "../testkit/e2e-servers";
import { TEST_USER } from "../testkit/sign-in";

test.use({ baseURL: AUTH.app });

function expectCommonHeaders(response: APIResponse, what: string) {
  const headers = response.headers();
  expect(headers["x-frame-options"], what).toBe("DENY");
  expect(headers["referrer-policy"], what).toBe("no-referrer");
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["strict-transport-security"], what).toMatch(/^max-age=\d{8,}; includeSubDomains$/);
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).not.toContain("unsafe-eval");
  return csp;
}

/** The policy's script-src, and the nonce in it. */
function scriptPolicy(csp: string) {
  const scriptSrc = csp.split(";").map((part) => part.trim()).find((part) => part.startsWith("script-src ")) ?? "";
  return { scriptSrc, nonce: /'nonce-([^']+)'/.exec(scriptSrc)?.[1] };
}

async function signedInCookie(request: import("@playwright/test").APIRequestContext): Promise<string> {
  const response = await request.post("/api/auth/login", { data: TEST_USER, headers: { "X-Forwarded-For": "203.0.113.200" } });
  expect(response.status()).toBe(200);
  return response.headers()["set-cookie"]!.split(";")[0]!;
}

test("pages carry a nonce-based CSP without unsafe-eval or unsafe-inline scripts, a new nonce each time, on Next's own scripts", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const { scriptSrc, nonce } = scriptPolicy(expectCommonHeaders(first, "/login"));
  expect(scriptSrc).toContain("'strict-dynamic'");
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(nonce).toBeTruthy();
  expect(scriptPolicy(second.headers()["content-security-policy"]!).nonce).not.toBe(nonce);

  const html = await first.text();
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
});

test("pages that show balances, and the sign-in redirect, are never stored", async ({ request }) => {
  const redirect = await request.get("/", { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expect(redirect.headers().location).toBe("/login?next=%2F");
  expectCommonHeaders(redirect, "redirect");

  const cookie = await signedInCookie(request);
  const page = await request.get("/", { headers: { cookie } });
  expect(page.status()).toBe(200);
  expectCommonHeaders(page, "/");
  const cacheControl = page.headers()["cache-control"] ?? "";
  expect(cacheControl).toContain("no-store");
  expect(cacheControl).toContain("private");
});

test("API responses, successes and errors, are locked down and never stored", async ({ request }) => {
  const cookie = await signedInCookie(request);
  for (const [path, headers] of [
    ["/api/health", {}],
    ["/api/accounts", {}],
    ["/api/accounts", { cookie }],
    ["/api/balances?account=primary", { cookie }],
    ["/api/balances?account=nope!", { cookie }],
  ] as const) {
    const response = await request.get(path, { headers });
    const csp = expectCommonHeaders(response, path);
    expect(csp).toContain("default-src 'none'");
    expect(response.headers()["cache-control"], path).toBe("no-store, private");
  }
});

test("static files and the not-found page carry the headers too", async ({ request }) => {
  const html = await (await request.get("/login")).text();
  const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(chunk).toBeTruthy();
  const script = await request.get(chunk!);
  expect(script.status()).toBe(200);
  expectCommonHeaders(script, chunk!);

  const missing = await request.get("/no-such-page");
  expect(missing.status()).toBe(404);
  expectCommonHeaders(missing, "404");
});

test("every HTML answer carries a CSP, whatever odd path it answers", async ({ request }) => {
  const cookie = await signedInCookie(request);
  const paths = [
    "/favicon.ico",
    "/favicon.ico/x",
    "/favicon.icox",
    "/icon.svg/x",
    "/robots.txt/x",
    "/_next/x",
    "/_next/static/x",
    "/_nextx",
    "/api/nope",
    "/apix",
    "/no-such-page/deeper",
  ];
  let htmlAnswers = 0;
  for (const path of paths) {
    for (const headers of [{}, { cookie }] as Record<string, string>[]) {
      const response = await request.get(path, { headers, maxRedirects: 0 });
      if (!(response.headers()["content-type"] ?? "").startsWith("text/html")) continue;
      htmlAnswers += 1;
      expectCommonHeaders(response, `${path} (${response.status()})`);
    }
  }
  // The list must reach HTML answers, or it would prove nothing.
  expect(htmlAnswers).toBeGreaterThan(paths.length);
});
