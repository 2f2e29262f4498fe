import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));
const audited = vi.hoisted(() => [] as unknown[]);
vi.mock("@/lib/auth/audit", () => ({ audit: async (entry: unknown) => void audited.push(entry) }));
vi.mock("next/navigation", () => ({
  forbidden: () => {
    throw new Error("NEXT_FORBIDDEN");
  },
}));

const { assertInScope, authorizeScope, inScope, scopeRefusal, visible, visibleNames, WHOLE_GROUP } = await import("@/lib/auth/scope");
const { requirePageScope } = await import("@/lib/auth/page-scope");

const SCOPED = ["payroll", "treasury"] as const;
const ROWS = [{ account: "primary" }, { account: "treasury" }, { account: "payroll" }, { account: "cold-storage" }];
const caller = (accounts: readonly string[] | null) => ({ user: "bob", role: "auditor" as const, accounts, address: "203.0.113.9" });

describe("account scopes", () => {
  it("lets a whole-group caller see every account and a scoped one only theirs, in the list's order", () => {
    expect(visible(WHOLE_GROUP, ROWS)).toEqual(ROWS);
    expect(visible(SCOPED, ROWS)).toEqual([{ account: "treasury" }, { account: "payroll" }]);
    expect(visibleNames(SCOPED, ["primary", "payroll"])).toEqual(["payroll"]);
    expect(inScope(SCOPED, "treasury")).toBe(true);
    expect(inScope(SCOPED, "primary")).toBe(false);
    expect(inScope(WHOLE_GROUP, "primary")).toBe(true);
  });

  it("matches account names exactly: no prefix, case or empty-scope leniency", () => {
    expect(inScope(SCOPED, "Treasury")).toBe(false);
    expect(inScope(SCOPED, "treasury-2")).toBe(false);
    expect(inScope([], "treasury")).toBe(false);
    expect(visible([], ROWS)).toEqual([]);
  });

  it("refuses another account and whole-group data to a scoped caller, with the same words whether the account exists or not", () => {
    expect(scopeRefusal(SCOPED, { account: "payroll" })).toBeNull();
    expect(scopeRefusal(SCOPED, { account: null })).toBeNull();
    expect(scopeRefusal(SCOPED, { account: "primary" })).toBe("Your access does not include the account 'primary'.");
    expect(scopeRefusal(SCOPED, { account: "no-such" })).toBe("Your access does not include the account 'no-such'.");
    expect(scopeRefusal(SCOPED, "whole-group")).toMatch(/covers every account of the group/);
    expect(scopeRefusal(WHOLE_GROUP, "whole-group")).toBeNull();
    expect(scopeRefusal(WHOLE_GROUP, { account: "primary" })).toBeNull();
  });

  it("throws forbidden_account (403) for services", () => {
    expect(() => assertInScope(SCOPED, "primary")).toThrow(expect.objectContaining({ code: "forbidden_account", status: 403 }));
    expect(() => assertInScope(SCOPED, "treasury")).not.toThrow();
    expect(() => assertInScope(WHOLE_GROUP, "primary")).not.toThrow();
  });

  it("audits a refusal as access_denied, outcome forbidden_account, for routes and pages alike; nothing for an allowed request", async () => {
    audited.length = 0;
    await authorizeScope(caller(SCOPED), { account: "payroll" });
    await authorizeScope(caller(null), "whole-group");
    expect(audited).toEqual([]);

    await expect(authorizeScope(caller(SCOPED), { account: "primary" })).rejects.toMatchObject({ code: "forbidden_account" });
    await expect(authorizeScope(caller(SCOPED), "whole-group")).rejects.toMatchObject({ code: "forbidden_account" });
    await expect(requirePageScope(caller(SCOPED), { account: "primary" })).rejects.toThrow("NEXT_FORBIDDEN");
    const denied = { event: "access_denied", user: "bob", outcome: "forbidden_account", address: "203.0.113.9" };
    expect(audited).toEqual([
      { ...denied, account: "primary" },
      { ...denied, account: null },
      { ...denied, account: "primary" },
    ]);
  });
});
