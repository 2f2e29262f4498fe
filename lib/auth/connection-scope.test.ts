import { afterEach, describe, expect, it, vi } from "vitest";

vi.mock("@/lib/auth/audit", () => ({ audit: async () => undefined }));

const saved = { ...process.env };

/** scope.ts with the configuration read anew from `env`. */
async function scopeWith(env: Record<string, string>) {
  process.env = { ...saved, ...env };
  for (const name of ["GEMINI_API_KEY", "GEMINI_API_SECRET", "GEMINI_CONNECTIONS", "DEMO_EXCHANGE_URL", "DASHBOARD_ACCOUNTS"]) if (!(name in env)) delete process.env[name];
  vi.resetModules();
  return import("@/lib/auth/scope");
}

afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

const caller = (accounts: readonly string[] | null) => ({ user: "bob", role: "auditor" as const, accounts, address: "203.0.113.9" });

describe("account scopes across connections", () => {
  it("keeps a connection's own entries, as plain names, and none of another connection's", async () => {
    const { connectionScope, WHOLE_GROUP } = await scopeWith({ DEMO_CONNECTIONS: "us-entity,sg-entity" });
    const scope = ["us-entity/primary", "sg-entity/primary", "sg-entity/sg-entity-treasury"];
    expect(connectionScope(scope, "us-entity")).toEqual(["primary"]);
    expect(connectionScope(scope, "sg-entity")).toEqual(["primary", "sg-entity-treasury"]);
    // No connection named: the default (first) one.
    expect(connectionScope(scope, null)).toEqual(["primary"]);
    expect(connectionScope(WHOLE_GROUP, "sg-entity")).toBeNull();
    expect(() => connectionScope(scope, "eu-entity")).toThrow(expect.objectContaining({ code: "unknown_connection" }));
  });

  it("refuses an account of one connection asked for under another, though both are named primary", async () => {
    const { authorizeScope } = await scopeWith({ DEMO_CONNECTIONS: "us-entity,sg-entity" });
    const bob = caller(["sg-entity/primary"]);
    await expect(authorizeScope(bob, { account: "primary", connection: "sg-entity" })).resolves.toBeUndefined();
    await expect(authorizeScope(bob, { account: "primary", connection: "us-entity" })).rejects.toMatchObject({ code: "forbidden_account" });
    await expect(authorizeScope(bob, { account: "primary", connection: null })).rejects.toMatchObject({ code: "forbidden_account" });
  });

  it("leaves plain names as they were with one connection", async () => {
    const { connectionScope, authorizeScope } = await scopeWith({});
    expect(connectionScope(["primary", "payroll"], null)).toEqual(["primary", "payroll"]);
    await expect(authorizeScope(caller(["payroll"]), { account: "primary" })).rejects.toMatchObject({ code: "forbidden_account" });
  });
});
