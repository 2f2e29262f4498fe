import { getIronSession, sealData } from "iron-session";
import { describe, expect, it } from "vitest";
import { cookieSecure, requestOrigin, SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionCookieId, sessionOptions, type SessionData } from "@/lib/auth/session";
import { isCrossSiteRequest } from "@/lib/auth/origin";
import { parsePasswordHash } from "@/lib/config/password-hash";
import type { AuthConfig } from "@/lib/config";

const SECRET = "a-session-secret-of-at-least-32-characters";
const HASH = parsePasswordHash(`scrypt:N=1024:r=8:p=1:${"A".repeat(22)}:${"B".repeat(43)}`)!;
const auth: AuthConfig = {
  users: new Map([["alice", HASH]]),
  roles: new Map(),
  scopes: new Map(),
  sessionPassword: SECRET,
  sessionTtlSeconds: 8 * 3600,
  sessionIdleSeconds: 30 * 60,
  cookieSecure: null,
  oidc: null,
  localLogin: true,
  publicUrl: null,
};

/** The cookie holds only the session's id; these tests name it after the user for readability. */
const sessionUser = async (request: Request, config: AuthConfig, production: boolean) =>
  (await sessionCookieId(request, config, production)) ?? null;

async function signedInCookie(data: SessionData, config = auth, secure = false): Promise<string> {
  const response = new Response();
  const session = await getIronSession<SessionData>(new Request("http://x/"), response, sessionOptions(config, secure));
  Object.assign(session, data);
  await session.save();
  return response.headers.get("set-cookie")!;
}

describe("session cookie", () => {
  it("is httpOnly, SameSite=Lax, path /, Secure when asked, and lives SESSION_TTL (less iron-session's minute)", async () => {
    const cookie = await signedInCookie({ sid: "alice" }, auth, true);
    expect(cookie).toMatch(new RegExp(`^${SECURE_SESSION_COOKIE}=`));
    expect(cookie).not.toMatch(/Domain=/i);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain(`Max-Age=${8 * 3600 - 60}`);
  });

  it("is Secure in production except over plain http to localhost; COOKIE_SECURE overrides", () => {
    expect(cookieSecure(auth, { protocol: "https", hostname: "treasury.example" }, true)).toBe(true);
    expect(cookieSecure(auth, { protocol: "http", hostname: "treasury.example" }, true)).toBe(true);
    expect(cookieSecure(auth, { protocol: "http", hostname: "127.0.0.1" }, true)).toBe(false);
    expect(cookieSecure(auth, { protocol: "http", hostname: "127.0.0.1" }, false)).toBe(false);
    expect(cookieSecure({ ...auth, cookieSecure: true }, { protocol: "http", hostname: "localhost" }, true)).toBe(true);
    expect(cookieSecure({ ...auth, cookieSecure: false }, { protocol: "https", hostname: "x.example" }, true)).toBe(false);
  });

  it("reads the protocol Next reports and the host without its port", () => {
    const headers = new Headers({ "x-forwarded-proto": "https", host: "Treasury.example:8443" });
    expect(requestOrigin(headers, "http://localhost:3000/")).toEqual({ protocol: "https", hostname: "treasury.example" });
  });

  it("accepts only a genuine cookie", async () => {
    const cookieHeader = (cookie: string) => ({ cookie: cookie.split(";")[0]! });
    const good = await signedInCookie({ sid: "alice" });
    expect(await sessionUser(new Request("http://x/", { headers: cookieHeader(good) }), auth, false)).toBe("alice");

    const forged = `${SESSION_COOKIE}=${await sealData({ sid: "alice" }, { password: "another-secret-of-at-least-32-characters!" })}`;
    expect(await sessionUser(new Request("http://x/", { headers: { cookie: forged } }), auth, false)).toBeNull();

    const tampered = good.split(";")[0]!.slice(0, -4) + "AAAA";
    expect(await sessionUser(new Request("http://x/", { headers: { cookie: tampered } }), auth, false)).toBeNull();
  });

  it("is __Host- prefixed only when Secure, and read under the name the request's origin uses", async () => {
    const plain = await signedInCookie({ sid: "alice" });
    expect(plain).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(plain).not.toContain("Secure");
    const secure = (await signedInCookie({ sid: "alice" }, auth, true)).split(";")[0]!;
    const https = (cookie: string) => new Request("https://treasury.example/", { headers: { cookie } });
    expect(await sessionUser(https(secure), auth, true)).toBe("alice");
    // On https only the prefixed name counts: a plain-named cookie (settable by a subdomain) is ignored.
    expect(await sessionUser(https(secure.replace(/^__Host-/, "")), auth, true)).toBeNull();
    expect(await sessionUser(new Request("http://127.0.0.1/", { headers: { cookie: plain.split(";")[0]! } }), auth, true)).toBe("alice");
  });

  it("keeps accepting cookies sealed with an older secret after rotation", async () => {
    const old = await signedInCookie({ sid: "alice" });
    const rotated: AuthConfig = { ...auth, sessionPassword: { "2": "a-brand-new-secret-also-32-characters-long", "1": SECRET } };
    expect(await sessionUser(new Request("http://x/", { headers: { cookie: old.split(";")[0]! } }), rotated, false)).toBe("alice");
  });
});

describe("isCrossSiteRequest", () => {
  const post = (headers: Record<string, string>) => new Request("http://127.0.0.1:3000/api/auth/login", { method: "POST", headers });
  it("refuses a POST from another origin and allows this one and scripts without Origin", () => {
    expect(isCrossSiteRequest(post({ host: "127.0.0.1:3000", origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteRequest(post({ host: "127.0.0.1:3000", origin: "null" }))).toBe(true);
    expect(isCrossSiteRequest(post({ host: "127.0.0.1:3000", "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteRequest(post({ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(false);
    expect(isCrossSiteRequest(post({ host: "127.0.0.1:3000" }))).toBe(false);
  });
  it("lets reads through", () => {
    expect(isCrossSiteRequest(new Request("http://x/api/balances", { headers: { origin: "https://evil.example" } }))).toBe(false);
  });
});
