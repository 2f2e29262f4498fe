import { describe, expect, it } from "vitest";
import { dashboardSearch, readDashboardParams, toSearch } from "@/lib/balances/dashboard-url";

describe("dashboard address state", () => {
  it("reads account and pending=1", () => {
    expect(readDashboardParams(new URLSearchParams("account=treasury&pending=1"))).toEqual({ connection: null, account: "treasury", pending: true });
    expect(readDashboardParams(new URLSearchParams("pending=true&account="))).toEqual({ connection: null, account: null, pending: false });
    expect(readDashboardParams(new URLSearchParams(toSearch({ account: ["payroll", "x"], pending: "1" })))).toEqual({
      connection: null,
      account: "payroll",
      pending: true,
    });
    expect(readDashboardParams(new URLSearchParams("connection=sg-entity&account=primary"))).toEqual({ connection: "sg-entity", account: "primary", pending: false });
    expect(toSearch({})).toBe("");
    expect(toSearch({ account: "a b", none: undefined })).toBe("?account=a+b");
  });

  it("writes changes and keeps other parameters", () => {
    expect(dashboardSearch("", { pending: true })).toBe("?pending=1");
    expect(dashboardSearch("?pending=1&theme=x", { pending: false, account: "treasury" })).toBe("?theme=x&account=treasury");
    expect(dashboardSearch("?account=treasury", { account: null })).toBe("");
  });
});
