import { describe, expect, it } from "vitest";
import { claimValues, mapClaims, userNameOf } from "@/lib/auth/oidc-claims";
import type { Role } from "@/lib/auth/roles";

const oidc = {
  roleClaim: "groups",
  roleMap: new Map<string, Role>([["treasury-admins", "admin"], ["finance", "auditor"], ["staff", "viewer"]]),
  accountMap: new Map<string, readonly string[]>([["finance", ["primary"]], ["ops", ["primary", "savings"]]]),
};

describe("mapClaims", () => {
  it("gives the highest role any group maps to, whatever the order", () => {
    expect(mapClaims(oidc, { groups: ["staff", "finance"] })?.role).toBe("auditor");
    expect(mapClaims(oidc, { groups: ["treasury-admins", "staff"] })?.role).toBe("admin");
    expect(mapClaims(oidc, { groups: "staff" })?.role).toBe("viewer");
  });

  it("refuses a user whose groups map to no role, or who has no groups claim: never a default role", () => {
    expect(mapClaims(oidc, { groups: ["contractors"] })).toBeNull();
    expect(mapClaims(oidc, {})).toBeNull();
    expect(mapClaims(oidc, { groups: [1, { name: "staff" }] })).toBeNull();
  });

  it("limits accounts to the union of the groups' lists; every account when none is listed", () => {
    expect(mapClaims(oidc, { groups: ["staff", "finance", "ops"] })?.accounts).toEqual(["primary", "savings"]);
    expect(mapClaims(oidc, { groups: ["treasury-admins"] })?.accounts).toBeNull();
  });

  it("reads a dotted claim inside objects, and a literal claim name with dots first", () => {
    expect(claimValues({ realm_access: { roles: ["staff"] } }, "realm_access.roles")).toEqual(["staff"]);
    expect(claimValues({ "https://acme.example/groups": ["finance"] }, "https://acme.example/groups")).toEqual(["finance"]);
    expect(mapClaims({ ...oidc, roleClaim: "realm_access.roles" }, { realm_access: { roles: ["finance"] } })?.role).toBe("auditor");
  });
});

describe("userNameOf", () => {
  it("prefers a verified email, then the username, then the subject", () => {
    expect(userNameOf({ sub: "1", email: "a@x.example", preferred_username: "a" })).toBe("a@x.example");
    expect(userNameOf({ sub: "1", email: "a@x.example", email_verified: false, preferred_username: "a" })).toBe("a");
    expect(userNameOf({ sub: "1" })).toBe("1");
  });
});
