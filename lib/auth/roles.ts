import "server-only";
/**
 * Who may do what: the server checks every request and page with this table (lib/http.ts,
 * lib/auth/dal.ts); server components also use it to leave out links and buttons a role cannot use.
 */
import type { Role } from "@/lib/config/roles";

export { isRole, ROLES, type Role } from "@/lib/config/roles";

export type Permission =
  | "balances:read"
  | "history:read"
  | "exports:read"
  | "audit:read"
  | "snapshots:take"
  | "alerts:manage"
  | "sessions:manage";

const VIEWER: readonly Permission[] = ["balances:read"];
const AUDITOR: readonly Permission[] = [...VIEWER, "history:read", "exports:read", "audit:read"];
const ADMIN: readonly Permission[] = [...AUDITOR, "snapshots:take", "alerts:manage", "sessions:manage"];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  viewer: new Set(VIEWER),
  auditor: new Set(AUDITOR),
  admin: new Set(ADMIN),
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

/** Who is signed in and what they may see. */
export interface Principal {
  /** null: the open demo dashboard, no sign-in. */
  user: string | null;
  role: Role;
  /** The account names (Gemini nicknames) this user may see; null = every account. */
  accounts: readonly string[] | null;
}

/** The open demo dashboard: everyone may do everything (it holds made-up money only). */
export const OPEN_DEMO_PRINCIPAL: Principal = { user: null, role: "admin", accounts: null };
