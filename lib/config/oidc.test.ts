import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

const SECRET = "0123456789abcdef0123456789abcdef";
const LOCAL_USERS = `alice:scrypt:N=1024:r=8:p=1:${"A".repeat(22)}:${"B".repeat(43)}`;
const LIVE = { GEMINI_API_KEY: "account-abc", GEMINI_API_SECRET: "secret" };
const OIDC = {
  SESSION_SECRET: SECRET,
  OIDC_ISSUER: "https://login.example.com/realms/acme",
  OIDC_CLIENT_ID: "treasury",
  OIDC_ROLE_MAP: "treasury-admins:admin,finance:auditor,staff:viewer",
};

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("single sign-on configuration", () => {
  it("turns sign-in on with OIDC alone, with the documented defaults", () => {
    const auth = parseConfig({ ...LIVE, ...OIDC }).auth;
    expect(auth?.users.size).toBe(0);
    expect(auth?.localLogin).toBe(true);
    expect(auth?.publicUrl).toBeNull();
    expect(auth?.oidc).toMatchObject({
      issuer: OIDC.OIDC_ISSUER,
      clientId: "treasury",
      clientSecret: null,
      scopes: "openid email profile",
      roleClaim: "groups",
      displayName: "single sign-on",
    });
    expect([...auth!.oidc!.roleMap]).toEqual([["treasury-admins", "admin"], ["finance", "auditor"], ["staff", "viewer"]]);
  });

  it("with live credentials, needs local users or OIDC, and names both", () => {
    expect(problems({ ...LIVE, SESSION_SECRET: SECRET }).join("\n")).toMatch(/DASHBOARD_USERS is missing.*OIDC_ISSUER/);
    expect(problems({ ...LIVE, SESSION_SECRET: SECRET, DASHBOARD_USERS: LOCAL_USERS })).toEqual([]);
  });

  it("refuses OIDC_ACCOUNT_MAP with an account key (no account list to scope within), keeps it with a master key", () => {
    expect(problems({ ...LIVE, ...OIDC, OIDC_ACCOUNT_MAP: "finance:primary" })).toEqual([
      expect.stringMatching(/^OIDC_ACCOUNT_MAP limits users to some accounts of a master key's group, but GEMINI_API_KEY is an account key/),
    ]);
    expect(parseConfig({ ...LIVE, GEMINI_API_KEY: "master-abc", ...OIDC, OIDC_ACCOUNT_MAP: "finance:primary" }).auth?.oidc?.accountMap.get("finance")).toEqual(["primary"]);
  });

  it("needs SESSION_SECRET, a client id and a role map once OIDC_ISSUER is set", () => {
    const found = problems({ OIDC_ISSUER: OIDC.OIDC_ISSUER }).join("\n");
    expect(found).toContain("SESSION_SECRET is missing: OIDC_ISSUER is set");
    expect(found).toContain("OIDC_CLIENT_ID is missing");
    expect(found).toContain("OIDC_ROLE_MAP is missing");
  });

  it("refuses OIDC settings without an issuer, a bad role, a scope list without openid, plain http to another host", () => {
    expect(problems({ OIDC_CLIENT_ID: "x" })[0]).toContain("OIDC_CLIENT_ID is set but OIDC_ISSUER is missing");
    expect(problems({ ...OIDC, OIDC_ROLE_MAP: "finance:owner" })[0]).toContain("OIDC_ROLE_MAP entry 'finance:owner'");
    expect(problems({ ...OIDC, OIDC_SCOPES: "email profile" })[0]).toContain("OIDC_SCOPES must include openid");
    expect(problems({ ...OIDC, OIDC_ISSUER: "http://login.example.com" })[0]).toContain("OIDC_ISSUER must use https://");
    expect(problems({ ...OIDC, OIDC_ACCOUNT_MAP: "finance:not an account" })[0]).toContain("OIDC_ACCOUNT_MAP entry");
    expect(problems({ ...OIDC, OIDC_ROLE_MAP: "finance:viewer,finance:admin" })[0]).toContain("OIDC_ROLE_MAP names 'finance' twice");
    expect(problems({ ...OIDC, OIDC_ROLE_MAP: ":admin" })[0]).toContain("OIDC_ROLE_MAP entry ':admin' is not group:role");
  });

  it("reads group names with colons, accounts per group, and a confidential client", () => {
    const oidc = parseConfig({
      ...OIDC,
      OIDC_CLIENT_SECRET: "s3cret",
      OIDC_ROLE_MAP: "urn:acme:treasury:admin",
      OIDC_ACCOUNT_MAP: "finance:primary|savings",
      OIDC_SCOPES: "openid  email groups",
    }).auth!.oidc!;
    expect(oidc.roleMap.get("urn:acme:treasury")).toBe("admin");
    expect(oidc.accountMap.get("finance")).toEqual(["primary", "savings"]);
    expect(oidc.clientSecret).toBe("s3cret");
    expect(oidc.scopes).toBe("openid email groups");
  });

  it("names the variable when the issuer or PUBLIC_URL is no URL at all", () => {
    expect(problems({ ...OIDC, OIDC_ISSUER: "login.example.com" })).toEqual(["OIDC_ISSUER must be a URL such as https://login.example.com/realms/acme"]);
    expect(problems({ ...OIDC, PUBLIC_URL: "treasury.example.com" })).toEqual(["PUBLIC_URL must be a URL such as https://treasury.example.com"]);
  });

  it("takes PUBLIC_URL as an origin only", () => {
    expect(parseConfig({ ...OIDC, PUBLIC_URL: "https://treasury.example.com/" }).auth?.publicUrl).toBe("https://treasury.example.com");
    expect(problems({ ...OIDC, PUBLIC_URL: "https://treasury.example.com/app" })[0]).toContain("PUBLIC_URL must be the dashboard's origin only");
    expect(problems({ ...OIDC, PUBLIC_URL: "http://treasury.example.com" })[0]).toContain("PUBLIC_URL must use https://");
  });

  it("LOCAL_LOGIN=off hides local users but needs OIDC, else nobody could sign in", () => {
    expect(parseConfig({ ...OIDC, DASHBOARD_USERS: LOCAL_USERS, LOCAL_LOGIN: "off" }).auth?.localLogin).toBe(false);
    expect(problems({ SESSION_SECRET: SECRET, DASHBOARD_USERS: LOCAL_USERS, LOCAL_LOGIN: "off" })[0]).toContain("LOCAL_LOGIN=off needs single sign-on");
    expect(problems({ LOCAL_LOGIN: "maybe" })[0]).toContain("LOCAL_LOGIN must be on or off");
  });
});
