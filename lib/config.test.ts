import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

/** Live credentials need sign-in configured (see "sign-in configuration" below). */
const SIGN_IN = {
  SESSION_SECRET: "0123456789abcdef0123456789abcdef",
  DASHBOARD_USERS: `alice:scrypt:N=1024:r=8:p=1:${"A".repeat(22)}:${"B".repeat(43)}`,
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

describe("parseConfig", () => {
  it("runs on the embedded demo exchange without credentials", () => {
    const config = parseConfig({});
    expect(config.mode).toBe("demo");
    expect(config.exchange.baseUrl).toBeNull();
    expect(config.exchange.credentials).toBeNull();
  });

  it("uses live Gemini with both credentials, production by default", () => {
    const config = parseConfig({ GEMINI_API_KEY: "account-abc", GEMINI_API_SECRET: "secret", ...SIGN_IN });
    expect(config.mode).toBe("live");
    expect(config.exchange.baseUrl).toBe("https://api.gemini.com");
    expect(config.exchange.credentials).toEqual({ apiKey: "account-abc", apiSecret: "secret" });
  });

  it("names the missing half of a credential pair", () => {
    expect(problems({ GEMINI_API_KEY: "master-abc" })[0]).toContain("GEMINI_API_SECRET is missing");
    expect(problems({ GEMINI_API_SECRET: "s" })[0]).toContain("GEMINI_API_KEY is missing");
  });

  it("refuses plain http except to localhost, and trims a trailing slash", () => {
    expect(problems({ GEMINI_API_URL: "http://api.gemini.com" })[0]).toContain("https://");
    const config = parseConfig({ DEMO_EXCHANGE_URL: "http://127.0.0.1:4100/" });
    expect(config.exchange.baseUrl).toBe("http://127.0.0.1:4100");
  });

  it("explains a bad nonce unit, timeout and port together", () => {
    const found = problems({ GEMINI_NONCE: "micro", GEMINI_TIMEOUT_MS: "abc", PORT: "99999" });
    expect(found).toHaveLength(3);
    expect(found[0]).toContain("GEMINI_NONCE");
  });

  it("accepts seconds nonces for time-based keys", () => {
    expect(parseConfig({ GEMINI_NONCE: "seconds" }).exchange.nonceUnit).toBe("seconds");
  });

  it("keeps everything in-process without REDIS_URL; caches 5 s and allows 5 calls a second by default", () => {
    const config = parseConfig({});
    expect(config.redisUrl).toBeNull();
    expect(config.balancesCacheTtlMs).toBe(5_000);
    expect(config.exchange.callsPerSecond).toBe(5);
  });

  it("accepts redis:// and rediss:// (TLS), a cache of 0 (off), and refuses anything else", () => {
    expect(parseConfig({ REDIS_URL: "rediss://default:pw@eu1-x.upstash.io:6379" }).redisUrl).toBe(
      "rediss://default:pw@eu1-x.upstash.io:6379",
    );
    expect(parseConfig({ BALANCES_CACHE_TTL_MS: "0" }).balancesCacheTtlMs).toBe(0);
    expect(problems({ REDIS_URL: "http://localhost:6379" })[0]).toContain("redis:// or rediss://");
    // Not a URL at all (a bare host): a message naming the variable, not the parser's "Invalid URL".
    expect(problems({ REDIS_URL: "localhost:6379" })[0]).toContain("REDIS_URL must start with redis://");
    expect(problems({ REDIS_URL: "localhost" })[0]).toContain("REDIS_URL must be a URL");
    expect(problems({ DATABASE_URL: "db.internal" })[0]).toContain("DATABASE_URL must be a URL");
    expect(problems({ GEMINI_API_URL: "api.gemini.com" }).join("\n")).toContain("GEMINI_API_URL must be a URL");
    expect(problems({ BALANCES_CACHE_TTL_MS: "-1" })[0]).toContain("BALANCES_CACHE_TTL_MS");
    expect(problems({ GEMINI_CALLS_PER_SECOND: "50" })[0]).toContain("GEMINI_CALLS_PER_SECOND must be between 1 and 10");
  });
});

describe("sign-in configuration", () => {
  const SECRET = "0123456789abcdef0123456789abcdef";
  const HASH = `scrypt:N=1024:r=8:p=1:${"A".repeat(22)}:${"B".repeat(43)}`;
  const LIVE = { GEMINI_API_KEY: "account-abc", GEMINI_API_SECRET: "s3cr3t-value" };

  it("refuses live credentials without SESSION_SECRET or DASHBOARD_USERS, naming each", () => {
    const found = problems(LIVE);
    expect(found.some((problem) => problem.startsWith("SESSION_SECRET is missing"))).toBe(true);
    expect(found.some((problem) => problem.startsWith("DASHBOARD_USERS is missing"))).toBe(true);
    expect(problems({ ...LIVE, SESSION_SECRET: SECRET })).toEqual([expect.stringMatching(/^DASHBOARD_USERS is missing/)]);
    expect(problems({ ...LIVE, DASHBOARD_USERS: `alice:${HASH}` })).toEqual([expect.stringMatching(/^SESSION_SECRET is missing/)]);
    expect(found.join("\n")).not.toContain("s3cr3t-value");
  });

  it("turns sign-in on for live credentials with both set, 8 hours by default", () => {
    const config = parseConfig({ ...LIVE, SESSION_SECRET: SECRET, DASHBOARD_USERS: `alice:${HASH}, bob:${HASH}` });
    expect(config.auth?.users.size).toBe(2);
    expect(config.auth?.sessionTtlSeconds).toBe(8 * 60 * 60);
    expect(config.auth?.cookieSecure).toBeNull();
    expect(config.trustedProxies).toBe(0);
  });

  it("leaves the demo open unless DASHBOARD_USERS is set, and then needs a secret", () => {
    expect(parseConfig({}).auth).toBeNull();
    expect(parseConfig({ SESSION_SECRET: SECRET }).auth).toBeNull();
    expect(problems({ DASHBOARD_USERS: `alice:${HASH}` })[0]).toMatch(/^SESSION_SECRET is missing: DASHBOARD_USERS is set/);
    expect(parseConfig({ DASHBOARD_USERS: `alice:${HASH}`, SESSION_SECRET: SECRET }).auth?.users.has("alice")).toBe(true);
  });

  it("wants a secret of 32 characters, or a rotation map of such secrets", () => {
    expect(problems({ SESSION_SECRET: "short" })[0]).toContain("at least 32 characters");
    const rotated = parseConfig({ SESSION_SECRET: JSON.stringify({ "2": SECRET + "new", "1": SECRET }), DASHBOARD_USERS: `a:${HASH}` });
    expect(rotated.auth?.sessionPassword).toEqual({ "2": SECRET + "new", "1": SECRET });
    expect(problems({ SESSION_SECRET: '{"1":"short"}' })[0]).toContain("at least 32 characters");
    expect(problems({ SESSION_SECRET: "{not json" })[0]).toContain("rotation map");
  });

  it("refuses rotation ids that are not positive integers without leading zeros, naming SESSION_SECRET", () => {
    for (const id of ["01", "0", "00", "-1", "1.5", "1e3", " 1", ""]) {
      const found = problems({ SESSION_SECRET: JSON.stringify({ [id]: SECRET }), DASHBOARD_USERS: `a:${HASH}` });
      expect(found, JSON.stringify(id)).toHaveLength(1);
      expect(found[0], JSON.stringify(id)).toMatch(/^SESSION_SECRET/);
    }
    const rotated = parseConfig({ SESSION_SECRET: JSON.stringify({ "10": SECRET + "new", "9": SECRET }), DASHBOARD_USERS: `a:${HASH}` });
    expect(rotated.auth?.sessionPassword).toEqual({ "10": SECRET + "new", "9": SECRET });
  });

  it("explains a malformed user entry without echoing it", () => {
    const found = problems({ SESSION_SECRET: SECRET, DASHBOARD_USERS: "alice:plaintext-password" });
    expect(found[0]).toContain("DASHBOARD_USERS entry 1 is not name:hash");
    expect(found[0]).not.toContain("plaintext-password");
    expect(problems({ SESSION_SECRET: SECRET, DASHBOARD_USERS: `a:${HASH},a:${HASH}` })[0]).toContain("twice");
  });

  it("reads roles and account scopes, and refuses any that name nobody or leave a user without a role", () => {
    const base = { SESSION_SECRET: SECRET, DASHBOARD_USERS: `alice:${HASH},bob:${HASH}` };
    const config = parseConfig({ ...base, DASHBOARD_ROLES: "alice:admin, bob:viewer", DASHBOARD_ACCOUNTS: "bob:primary|ops" });
    expect(config.auth?.roles).toEqual(new Map([["alice", "admin"], ["bob", "viewer"]]));
    expect(config.auth?.scopes).toEqual(new Map([["bob", ["primary", "ops"]]]));
    expect(parseConfig(base).auth?.roles.size).toBe(0);

    expect(problems({ ...base, DASHBOARD_ROLES: "alice:admin" })).toEqual([expect.stringMatching(/^DASHBOARD_ROLES gives no role to 'bob'/)]);
    expect(problems({ ...base, DASHBOARD_ROLES: "alice:admin,bob:owner" })[0]).toContain("DASHBOARD_ROLES entry 'bob:owner' is not name:role");
    expect(problems({ ...base, DASHBOARD_ROLES: "alice:admin,bob:viewer,carol:viewer" })).toEqual([
      expect.stringMatching(/^DASHBOARD_ROLES names 'carol', who is not in DASHBOARD_USERS/),
    ]);
    expect(problems({ ...base, DASHBOARD_ACCOUNTS: "carol:primary" })[0]).toMatch(/^DASHBOARD_ACCOUNTS names 'carol'/);
    expect(problems({ ...base, DASHBOARD_ACCOUNTS: "bob:" })[0]).toContain("DASHBOARD_ACCOUNTS entry 'bob:' is not name:account|account");
    expect(problems({ ...base, DASHBOARD_ACCOUNTS: "bob:prim ary" })[0]).toContain("DASHBOARD_ACCOUNTS entry");
  });

  it("refuses account scopes with an account key, which cannot list the group, and keeps them with a master key", () => {
    const base = { SESSION_SECRET: SECRET, DASHBOARD_USERS: `alice:${HASH}`, DASHBOARD_ACCOUNTS: "alice:primary", GEMINI_API_SECRET: "secret" };
    expect(problems({ ...base, GEMINI_API_KEY: "account-abc123" })).toEqual([
      expect.stringMatching(/^DASHBOARD_ACCOUNTS limits users to some accounts of a master key's group, but GEMINI_API_KEY is an account key/),
    ]);
    expect(parseConfig({ ...base, GEMINI_API_KEY: "master-abc123" }).auth?.scopes.get("alice")).toEqual(["primary"]);
  });

  it("reads SESSION_TTL as a duration and the flags as booleans", () => {
    const base = { SESSION_SECRET: SECRET, DASHBOARD_USERS: `a:${HASH}` };
    expect(parseConfig({ ...base, SESSION_TTL: "30m" }).auth?.sessionTtlSeconds).toBe(1800);
    expect(parseConfig({ ...base, SESSION_TTL: "7200" }).auth?.sessionTtlSeconds).toBe(7200);
    expect(problems({ ...base, SESSION_TTL: "1s" })[0]).toContain("SESSION_TTL");
    expect(problems({ ...base, SESSION_TTL: "forever" })[0]).toContain("SESSION_TTL");
    expect(parseConfig({ ...base, COOKIE_SECURE: "false" })).toMatchObject({ auth: { cookieSecure: false } });
  });

  it("reads TRUST_PROXY as a count of proxies, true and false as 1 and 0, and refuses anything else", () => {
    expect(parseConfig({ TRUST_PROXY: "true" }).trustedProxies).toBe(1);
    expect(parseConfig({ TRUST_PROXY: "false" }).trustedProxies).toBe(0);
    expect(parseConfig({ TRUST_PROXY: " 2 " }).trustedProxies).toBe(2);
    for (const value of ["yes", "1.5", "-1", "11", "0x1"]) {
      expect(problems({ TRUST_PROXY: value }), value).toEqual([expect.stringContaining("TRUST_PROXY")]);
    }
  });
});

describe("history store configuration", () => {
  it("embeds PGlite in data/ of the project directory by default, also when run from .next/standalone", () => {
    expect(parseConfig({}, "/srv/app").store).toEqual({ databaseUrl: null, dataDir: "/srv/app/data" });
    expect(parseConfig({}, "/srv/app/.next/standalone").store.dataDir).toBe("/srv/app/data");
    expect(parseConfig({ DATA_DIR: "history" }, "/srv/app/.next/standalone").store.dataDir).toBe("/srv/app/history");
    expect(parseConfig({ DATA_DIR: "/var/lib/treasury" }, "/srv/app").store.dataDir).toBe("/var/lib/treasury");
  });

  it("refuses a DATA_DIR inside .next/, which every build erases", () => {
    expect(problems({ DATA_DIR: ".next/data" })[0]).toMatch(/^DATA_DIR must not be inside \.next\//);
    expect(problems({ DATA_DIR: "/srv/app/.next/standalone/data" })[0]).toContain("DATA_DIR");
  });

  it("takes a postgres:// or postgresql:// DATABASE_URL and refuses anything else, naming it", () => {
    const url = "postgresql://treasury:pw@db.example.com:5432/treasury?sslmode=require";
    expect(parseConfig({ DATABASE_URL: url }).store.databaseUrl).toBe(url);
    expect(parseConfig({ DATABASE_URL: "postgres://localhost/treasury" }).store.databaseUrl).toBe("postgres://localhost/treasury");
    expect(problems({ DATABASE_URL: "mysql://localhost/treasury" })[0]).toContain("DATABASE_URL must start with postgres:// or postgresql://");
    expect(problems({ DATABASE_URL: "localhost:5432" })[0]).toContain("DATABASE_URL");
  });
});

describe("history configuration", () => {
  it("snapshots hourly, keeps 90 days of every snapshot, has no cron route, and seeds demo history by default", () => {
    expect(parseConfig({}).history).toEqual({ offReason: null, schedule: "0 * * * *", keepAllDays: 90, cronSecret: null, onVercel: false, demoHistory: true });
  });

  it("takes a cron expression or off, and refuses anything else naming SNAPSHOT_SCHEDULE", () => {
    expect(parseConfig({ SNAPSHOT_SCHEDULE: "5 0 * * *" }).history.schedule).toBe("5 0 * * *");
    expect(parseConfig({ SNAPSHOT_SCHEDULE: "off" }).history.schedule).toBeNull();
    for (const value of ["hourly", "61 * * * *", "* * *"]) {
      expect(problems({ SNAPSHOT_SCHEDULE: value }), value).toEqual([expect.stringContaining("SNAPSHOT_SCHEDULE")]);
    }
  });

  it("reads SNAPSHOT_RETENTION as days or all", () => {
    expect(parseConfig({ SNAPSHOT_RETENTION: "30d" }).history.keepAllDays).toBe(30);
    expect(parseConfig({ SNAPSHOT_RETENTION: "all" }).history.keepAllDays).toBeNull();
    for (const value of ["0d", "90", "1y", "-5d"]) {
      expect(problems({ SNAPSHOT_RETENTION: value }), value).toEqual([expect.stringContaining("SNAPSHOT_RETENTION")]);
    }
  });

  it("reads SESSION_IDLE (default 30m), never longer than SESSION_TTL, naming it", () => {
    const base = SIGN_IN;
    expect(parseConfig(base).auth?.sessionIdleSeconds).toBe(1800);
    expect(parseConfig({ ...base, SESSION_IDLE: "2h" }).auth?.sessionIdleSeconds).toBe(7200);
    // A TTL shorter than the default idle time bounds it: the default is never a refusal.
    expect(parseConfig({ ...base, SESSION_TTL: "10m" }).auth?.sessionIdleSeconds).toBe(600);
    expect(problems({ ...base, SESSION_IDLE: "9h" })).toEqual([expect.stringMatching(/^SESSION_IDLE must not be longer than SESSION_TTL/)]);
    expect(problems({ ...base, SESSION_IDLE: "5s" })[0]).toMatch(/^SESSION_IDLE must be between 1m/);
    expect(problems({ ...base, SESSION_IDLE: "soon" })[0]).toMatch(/^SESSION_IDLE must be a duration/);
  });

  it("refuses sign-in with several instances (REDIS_URL or Vercel) but no DATABASE_URL: sessions must be shared", () => {
    const signIn = SIGN_IN;
    expect(problems({ ...signIn, REDIS_URL: "redis://localhost:6379" })).toEqual([expect.stringMatching(/^DATABASE_URL is missing: sign-in is on and REDIS_URL/)]);
    expect(problems({ ...signIn, VERCEL: "1" })).toEqual([expect.stringMatching(/^DATABASE_URL is missing: sign-in is on and it runs on Vercel/)]);
    expect(parseConfig({ ...signIn, REDIS_URL: "redis://localhost:6379", DATABASE_URL: "postgres://localhost/t" }).auth).not.toBeNull();
    // The open demo keeps no sessions: several instances without a database still start.
    expect(parseConfig({ REDIS_URL: "redis://localhost:6379" }).auth).toBeNull();
  });

  it("refuses a short CRON_SECRET", () => {
    expect(parseConfig({ CRON_SECRET: "x".repeat(16) }).history.cronSecret).toBe("x".repeat(16));
    expect(problems({ CRON_SECRET: "short" })).toEqual([expect.stringContaining("CRON_SECRET")]);
  });

  it("turns history off, saying why, with several instances or on Vercel and no DATABASE_URL", () => {
    expect(parseConfig({ REDIS_URL: "redis://localhost:6379" }).history.offReason).toMatch(/REDIS_URL.*DATABASE_URL/);
    expect(parseConfig({ VERCEL: "1" }).history).toMatchObject({ onVercel: true, offReason: expect.stringMatching(/Vercel.*DATABASE_URL/) });
    const database = { DATABASE_URL: "postgres://localhost/treasury" };
    expect(parseConfig({ ...database, REDIS_URL: "redis://localhost:6379", VERCEL: "1" }).history.offReason).toBeNull();
  });
});

describe("WARM_UP", () => {
  it("is on unless set to off, and anything else stops the start", () => {
    expect(parseConfig({}).warmUp).toBe(true);
    expect(parseConfig({ WARM_UP: "on" }).warmUp).toBe(true);
    expect(parseConfig({ WARM_UP: "off" }).warmUp).toBe(false);
    expect(problems({ WARM_UP: "no" })).toEqual(["WARM_UP must be on or off"]);
  });
});

describe("ALERTS_ALLOW_PRIVATE", () => {
  it("is off unless set to true, and refuses anything but a boolean", () => {
    expect(parseConfig({}).alertDelivery).toEqual({ allowPrivate: false });
    expect(parseConfig({ ALERTS_ALLOW_PRIVATE: "true" }).alertDelivery).toEqual({ allowPrivate: true });
    expect(parseConfig({ ALERTS_ALLOW_PRIVATE: "false" }).alertDelivery).toEqual({ allowPrivate: false });
    expect(problems({ ALERTS_ALLOW_PRIVATE: "yes" })).toEqual(["ALERTS_ALLOW_PRIVATE must be 'true' or 'false'"]);
  });
});

describe("DEMO_ACCOUNTS", () => {
  it("sizes the embedded demo group, its five named accounts included, and refuses anything else", () => {
    expect(parseConfig({}).demoAccounts).toBeNull();
    expect(parseConfig({ DEMO_ACCOUNTS: "200" }).demoAccounts).toBe(200);
    expect(parseConfig({ DEMO_ACCOUNTS: "5" }).demoAccounts).toBe(5);
    expect(problems({ DEMO_ACCOUNTS: "4" })).toEqual(["DEMO_ACCOUNTS must be between 5 and 2000"]);
    expect(problems({ DEMO_ACCOUNTS: "2001" })).toEqual(["DEMO_ACCOUNTS must be between 5 and 2000"]);
    expect(problems({ DEMO_ACCOUNTS: "many" })).toEqual(["DEMO_ACCOUNTS must be a whole number"]);
  });

  it("is for the embedded demo exchange only", () => {
    expect(problems({ DEMO_ACCOUNTS: "200", GEMINI_API_KEY: "master-abc", GEMINI_API_SECRET: "s", ...SIGN_IN })).toEqual([
      "DEMO_ACCOUNTS is for demo mode only: unset it when GEMINI_API_KEY is set",
    ]);
    expect(problems({ DEMO_ACCOUNTS: "200", DEMO_EXCHANGE_URL: "http://127.0.0.1:4100" })[0]).toContain("--accounts");
  });
});
