import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

const SIGN_IN = {
  SESSION_SECRET: "0123456789abcdef0123456789abcdef",
  DASHBOARD_USERS: `alice:scrypt:N=1024:r=8:p=1:${"A".repeat(22)}:${"B".repeat(43)}`,
};
const TWO = {
  GEMINI_CONNECTIONS: "us-entity,sg-entity",
  GEMINI_API_KEY_US_ENTITY: "master-us",
  GEMINI_API_SECRET_US_ENTITY: "us-secret",
  GEMINI_API_KEY_SG_ENTITY: "master-sg",
  GEMINI_API_SECRET_SG_ENTITY: "sg-secret",
  GEMINI_API_URL_SG_ENTITY: "https://api.sandbox.gemini.com/",
  GEMINI_NONCE_SG_ENTITY: "seconds",
  ...SIGN_IN,
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

describe("several connections", () => {
  it("keeps the single-key variables as one connection named default", () => {
    expect(parseConfig({}).connections).toEqual([{ label: "default", baseUrl: null, credentials: null, nonceUnit: "milliseconds" }]);
    const live = parseConfig({ GEMINI_API_KEY: "master-abc", GEMINI_API_SECRET: "s", GEMINI_NONCE: "seconds", ...SIGN_IN });
    expect(live.connections).toEqual([
      { label: "default", baseUrl: "https://api.gemini.com", credentials: { apiKey: "master-abc", apiSecret: "s" }, nonceUnit: "seconds" },
    ]);
  });

  it("reads each label's key, secret, URL and nonce unit, in the order listed; the first is the default", () => {
    const config = parseConfig(TWO);
    expect(config.mode).toBe("live");
    expect(config.connections).toEqual([
      { label: "us-entity", baseUrl: "https://api.gemini.com", credentials: { apiKey: "master-us", apiSecret: "us-secret" }, nonceUnit: "milliseconds" },
      { label: "sg-entity", baseUrl: "https://api.sandbox.gemini.com", credentials: { apiKey: "master-sg", apiSecret: "sg-secret" }, nonceUnit: "seconds" },
    ]);
    expect(config.exchange).toMatchObject({ label: "us-entity", credentials: { apiKey: "master-us" }, callsPerSecond: 5 });
  });

  it("needs sign-in like a single live key", () => {
    const { SESSION_SECRET: _secret, ...withoutSecret } = TWO;
    expect(problems(withoutSecret).join("\n")).toContain("SESSION_SECRET is missing");
  });

  it("names a missing key or secret of a listed label", () => {
    const { GEMINI_API_SECRET_SG_ENTITY: _secret, ...noSecret } = TWO;
    expect(problems(noSecret)).toEqual([expect.stringContaining("GEMINI_API_SECRET_SG_ENTITY is missing")]);
    const { GEMINI_API_KEY_US_ENTITY: _key, ...noKey } = TWO;
    expect(problems(noKey)).toEqual([expect.stringContaining("GEMINI_API_KEY_US_ENTITY is missing")]);
  });

  it("refuses one key for two connections, naming both variables", () => {
    expect(problems({ ...TWO, GEMINI_API_KEY_SG_ENTITY: "master-us" })).toEqual([
      expect.stringMatching(/^GEMINI_API_KEY_SG_ENTITY is the same key as GEMINI_API_KEY_US_ENTITY/),
    ]);
  });

  it("refuses GEMINI_CONNECTIONS beside the single-key variables, naming each", () => {
    const found = problems({ ...TWO, GEMINI_API_KEY: "master-x", GEMINI_API_SECRET: "x", GEMINI_API_URL: "https://api.gemini.com", GEMINI_NONCE: "seconds" });
    for (const name of ["GEMINI_API_KEY", "GEMINI_API_SECRET", "GEMINI_API_URL", "GEMINI_NONCE"]) {
      expect(found).toContainEqual(expect.stringMatching(new RegExp(`^${name} is for a single connection: with GEMINI_CONNECTIONS set`)));
    }
  });

  it("refuses malformed, repeated or empty label lists, naming the variable", () => {
    expect(problems({ ...TWO, GEMINI_CONNECTIONS: "US_Entity" }).join("\n")).toContain("GEMINI_CONNECTIONS label 'US_Entity' must be lowercase");
    expect(problems({ ...TWO, GEMINI_CONNECTIONS: "us-entity,us-entity" }).join("\n")).toContain("GEMINI_CONNECTIONS names 'us-entity' twice");
    expect(problems({ ...TWO, GEMINI_CONNECTIONS: " , " }).join("\n")).toContain("GEMINI_CONNECTIONS must list at least one label");
    expect(problems({ DEMO_CONNECTIONS: "a--b" }).join("\n")).toContain("DEMO_CONNECTIONS label 'a--b' must be lowercase");
  });

  it("refuses the label 'all', which ?connection=all uses for every connection", () => {
    expect(problems({ ...TWO, GEMINI_CONNECTIONS: "us-entity,all", GEMINI_API_KEY_ALL: "master-all", GEMINI_API_SECRET_ALL: "s" }).join("\n")).toContain(
      "GEMINI_CONNECTIONS may not name a connection 'all'",
    );
    expect(problems({ DEMO_CONNECTIONS: "all,sg-entity" }).join("\n")).toContain("DEMO_CONNECTIONS may not name a connection 'all'");
  });

  it("names a bad per-connection URL or nonce unit", () => {
    expect(problems({ ...TWO, GEMINI_API_URL_SG_ENTITY: "http://api.gemini.com" })).toEqual([expect.stringContaining("GEMINI_API_URL_SG_ENTITY must use https://")]);
    expect(problems({ ...TWO, GEMINI_NONCE_US_ENTITY: "micro" })).toEqual([expect.stringContaining("GEMINI_NONCE_US_ENTITY must be 'milliseconds'")]);
  });

  it("refuses a per-connection variable for a label not listed (a typo would leave an entity out)", () => {
    expect(problems({ ...TWO, GEMINI_API_KEY_EU_ENTITY: "master-eu" })).toEqual([expect.stringMatching(/^GEMINI_API_KEY_EU_ENTITY belongs to no connection/)]);
    expect(problems({ GEMINI_API_KEY_US: "master-us" })).toEqual([expect.stringMatching(/^GEMINI_API_KEY_US belongs to no connection/)]);
  });

  it("wants every scoped account to name a configured connection when there are several, and none with one key", () => {
    const users = `${SIGN_IN.DASHBOARD_USERS},bob:${SIGN_IN.DASHBOARD_USERS.slice("alice:".length)}`;
    const scoped = parseConfig({ ...TWO, DASHBOARD_USERS: users, DASHBOARD_ACCOUNTS: "alice:us-entity/primary|sg-entity/treasury" });
    expect(scoped.auth?.scopes.get("alice")).toEqual(["us-entity/primary", "sg-entity/treasury"]);
    expect(problems({ ...TWO, DASHBOARD_ACCOUNTS: "alice:primary" })).toEqual([
      "DASHBOARD_ACCOUNTS names 'primary' without its connection, which is ambiguous with several connections (us-entity,sg-entity): write connection/account, e.g. us-entity/primary",
    ]);
    expect(problems({ ...TWO, DASHBOARD_ACCOUNTS: "alice:eu-entity/primary" })).toEqual([expect.stringMatching(/^DASHBOARD_ACCOUNTS names 'eu-entity\/primary', but 'eu-entity' is not a connection/)]);
    expect(problems({ DEMO_CONNECTIONS: "a,b", ...SIGN_IN, DASHBOARD_ACCOUNTS: "alice:primary" }).join("\n")).toMatch(/DASHBOARD_ACCOUNTS names 'primary' without its connection/);
    expect(problems({ ...SIGN_IN, DASHBOARD_ACCOUNTS: "alice:us-entity/primary" })).toEqual([expect.stringContaining("GEMINI_CONNECTIONS is unset")]);
    expect(problems({ ...TWO, OIDC_ISSUER: "https://login.example.com", OIDC_CLIENT_ID: "x", OIDC_ROLE_MAP: "staff:viewer", OIDC_ACCOUNT_MAP: "finance:treasury" }).join("\n")).toMatch(
      /OIDC_ACCOUNT_MAP names 'treasury' without its connection/,
    );
  });

  it("refuses account scopes when a connection signs with an account key", () => {
    const env = { ...TWO, GEMINI_CONNECTIONS: "us-entity", GEMINI_API_KEY_US_ENTITY: "account-us", DASHBOARD_ACCOUNTS: "alice:primary" };
    const { GEMINI_API_KEY_SG_ENTITY: _k, GEMINI_API_SECRET_SG_ENTITY: _s, GEMINI_API_URL_SG_ENTITY: _u, GEMINI_NONCE_SG_ENTITY: _n, ...one } = env;
    expect(problems(one)).toEqual([expect.stringContaining("GEMINI_API_KEY_US_ENTITY is an account key")]);
  });

  it("gives demo mode several embedded groups with DEMO_CONNECTIONS, and refuses it beside a live key or standalone exchange", () => {
    const config = parseConfig({ DEMO_CONNECTIONS: "us-entity,sg-entity", DEMO_ACCOUNTS: "200" });
    expect(config.mode).toBe("demo");
    expect(config.demoAccounts).toBe(200);
    expect(config.connections.map((connection) => [connection.label, connection.baseUrl, connection.credentials])).toEqual([
      ["us-entity", null, null],
      ["sg-entity", null, null],
    ]);
    expect(problems({ ...TWO, DEMO_CONNECTIONS: "a,b" }).join("\n")).toContain("DEMO_CONNECTIONS gives the embedded demo exchange several groups: unset it when GEMINI_CONNECTIONS is set");
    expect(problems({ DEMO_CONNECTIONS: "a,b", DEMO_EXCHANGE_URL: "http://127.0.0.1:4100" })).toEqual([expect.stringContaining("unset it when DEMO_EXCHANGE_URL is set")]);
    expect(problems({ ...TWO, DEMO_ACCOUNTS: "200" })).toEqual([expect.stringContaining("DEMO_ACCOUNTS is for demo mode only: unset it when GEMINI_CONNECTIONS is set")]);
  });
});
