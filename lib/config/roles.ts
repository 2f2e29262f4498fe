/**
 * The role names DASHBOARD_ROLES may give (what each allows is lib/auth/roles.ts). Here because
 * lib/config validates them at start and imports nothing outside lib/config; client-safe.
 */
export const ROLES = ["viewer", "auditor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
