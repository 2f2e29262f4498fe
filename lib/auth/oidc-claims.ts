import "server-only";
import { ROLES, type Role } from "@/lib/auth/roles";
import type { OidcConfig } from "@/lib/config/oidc";

/** What an ID token's claims grant: the role and accounts of the session, or null (refused). */
export interface MappedClaims {
  role: Role;
  accounts: readonly string[] | null;
}

/** The claim's values: a list or one string; a dotted name reaches into objects (Keycloak's realm_access.roles) unless a claim has that literal name (Auth0's URLs). */
export function claimValues(claims: Readonly<Record<string, unknown>>, name: string): string[] {
  let value: unknown = claims[name];
  if (value === undefined && name.includes(".")) {
    value = name.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined), claims);
  }
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

/** The highest role any value maps to, and the union of the accounts they list; null when none maps to a role (never a default). */
export function mapClaims(oidc: Pick<OidcConfig, "roleClaim" | "roleMap" | "accountMap">, claims: Readonly<Record<string, unknown>>): MappedClaims | null {
  const values = claimValues(claims, oidc.roleClaim);
  let role: Role | null = null;
  for (const value of values) {
    const mapped = oidc.roleMap.get(value);
    if (mapped && (role === null || ROLES.indexOf(mapped) > ROLES.indexOf(role))) role = mapped;
  }
  if (!role) return null;
  const listed = values.flatMap((value) => oidc.accountMap.get(value) ?? []);
  return { role, accounts: listed.length > 0 ? [...new Set(listed)] : null };
}

/** The name the dashboard shows and audits: a verified email, else the username, else the subject. */
export function userNameOf(claims: Readonly<Record<string, unknown>>): string {
  const email = typeof claims.email === "string" && claims.email_verified !== false ? claims.email : null;
  const username = typeof claims.preferred_username === "string" ? claims.preferred_username : null;
  return email ?? username ?? String(claims.sub);
}
