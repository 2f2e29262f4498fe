/**
 * Single sign-on settings (OIDC_*, PUBLIC_URL, LOCAL_LOGIN): their zod fields, read by lib/config.ts's
 * one schema, and the checks between them. Imports nothing outside lib/config.
 */
import { z } from "zod";
import { SCOPED_ACCOUNT_PATTERN } from "@/lib/config/account-name";
import { keyedList, splitEntry } from "@/lib/config/keyed-list";
import { isRole, ROLES, type Role } from "@/lib/config/roles";

export const DEFAULT_OIDC_SCOPES = "openid email profile";
export const DEFAULT_OIDC_ROLE_CLAIM = "groups";
export const DEFAULT_OIDC_DISPLAY_NAME = "single sign-on";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export interface OidcConfig {
  /** The issuer identifier; discovery reads `${issuer}/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** null: a public client, PKCE only. */
  clientSecret: string | null;
  scopes: string;
  /** The button reads "Sign in with <displayName>". */
  displayName: string;
  /** The ID token claim holding the user's groups or roles (a dotted path reaches into objects). */
  roleClaim: string;
  /** Claim value -> role; a user gets the highest role of their values, none -> refused. */
  roleMap: ReadonlyMap<string, Role>;
  /** Claim value -> the only accounts it shows; a user sees the union over their values, every account when none is listed. */
  accountMap: ReadonlyMap<string, readonly string[]>;
}

const text = z
  .string()
  .transform((value) => value.trim())
  .optional()
  .transform((value) => (value ? value : undefined));

/** https, or plain http to localhost (a provider or app on one machine, as the tests run them). */
const webUrl = (name: string, example: string) =>
  text.pipe(
    z
      .url({ message: `${name} must be a URL such as ${example}` })
      .refine(
        (value) => {
          // Zod refines a value its URL check refused too: an unparsable one is that check's to report.
          if (!URL.canParse(value)) return true;
          const url = new URL(value);
          return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
        },
        { message: `${name} must use https:// (plain http:// is allowed only for localhost)` },
      )
      .optional(),
  );

/** "group:role,...", split at each entry's last colon so claim values may hold colons (URIs; Entra group ids do not). */
const roleMap = text.pipe(
  keyedList("OIDC_ROLE_MAP", `group:role (role one of ${ROLES.join(", ")})`, (entry) => {
    const split = splitEntry(entry, "last");
    return split && split.key && isRole(split.item) ? { key: split.key, value: split.item } : null;
  }).optional(),
);

const accountMap = text.pipe(
  keyedList(
    "OIDC_ACCOUNT_MAP",
    "group:account|account (account names as Gemini shows them; connection/account with several connections)",
    (entry): { key: string; value: readonly string[] } | null => {
      const split = splitEntry(entry, "last");
      const accounts = split ? split.item.split("|").map((account) => account.trim()) : [];
      if (!split?.key || accounts.some((account) => !SCOPED_ACCOUNT_PATTERN.test(account))) return null;
      return { key: split.key, value: [...new Set(accounts)] };
    },
  ).optional(),
);

export const oidcEnvFields = {
  OIDC_ISSUER: webUrl("OIDC_ISSUER", "https://login.example.com/realms/acme"),
  OIDC_CLIENT_ID: text,
  OIDC_CLIENT_SECRET: text,
  OIDC_SCOPES: text.pipe(
    z
      .string()
      .refine((value) => value.split(/\s+/).includes("openid"), "OIDC_SCOPES must include openid (e.g. 'openid email profile groups')")
      .optional(),
  ),
  OIDC_DISPLAY_NAME: text.pipe(z.string().max(64, "OIDC_DISPLAY_NAME must be at most 64 characters").optional()),
  OIDC_ROLE_CLAIM: text,
  OIDC_ROLE_MAP: roleMap,
  OIDC_ACCOUNT_MAP: accountMap,
  PUBLIC_URL: webUrl("PUBLIC_URL", "https://treasury.example.com").pipe(
    z
      .string()
      .refine((value) => !URL.canParse(value) || (new URL(value).pathname.replace(/\/+$/, "") === "" && !new URL(value).search), {
        message: "PUBLIC_URL must be the dashboard's origin only, such as https://treasury.example.com (no path or query)",
      })
      .transform((value) => new URL(value).origin)
      .optional(),
  ),
  LOCAL_LOGIN: text.pipe(z.enum(["on", "off"], { message: "LOCAL_LOGIN must be on or off" }).optional()),
};

type OidcEnv = { [K in keyof typeof oidcEnvFields]?: z.output<(typeof oidcEnvFields)[K]> };

/** OIDC_* other than the issuer mean nothing without it: set alone, they are a half-finished setup. */
const NEEDS_ISSUER = ["OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_SCOPES", "OIDC_DISPLAY_NAME", "OIDC_ROLE_CLAIM", "OIDC_ROLE_MAP", "OIDC_ACCOUNT_MAP"] as const;

/** The checks between the SSO variables; lib/config.ts adds the ones that involve DASHBOARD_USERS and live mode. */
export function checkOidcEnv(env: OidcEnv, ctx: z.RefinementCtx): void {
  if (!env.OIDC_ISSUER) {
    for (const name of NEEDS_ISSUER) {
      if (env[name] !== undefined) ctx.addIssue({ code: "custom", path: [name], message: `${name} is set but OIDC_ISSUER is missing: set OIDC_ISSUER to turn single sign-on on` });
    }
    return;
  }
  if (!env.OIDC_CLIENT_ID) {
    ctx.addIssue({ code: "custom", path: ["OIDC_CLIENT_ID"], message: "OIDC_CLIENT_ID is missing: OIDC_ISSUER is set, so give the client id registered at the provider" });
  }
  // Strict by default: without a map nobody would get a role, so every sign-in would be refused.
  if (!env.OIDC_ROLE_MAP?.size) {
    ctx.addIssue({
      code: "custom",
      path: ["OIDC_ROLE_MAP"],
      message: "OIDC_ROLE_MAP is missing: OIDC_ISSUER is set, so say which groups get which role, e.g. treasury-admins:admin,finance:auditor,staff:viewer",
    });
  }
}

export function oidcConfig(env: OidcEnv): OidcConfig | null {
  if (!env.OIDC_ISSUER || !env.OIDC_CLIENT_ID || !env.OIDC_ROLE_MAP?.size) return null;
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET ?? null,
    scopes: env.OIDC_SCOPES?.split(/\s+/).join(" ") ?? DEFAULT_OIDC_SCOPES,
    displayName: env.OIDC_DISPLAY_NAME ?? DEFAULT_OIDC_DISPLAY_NAME,
    roleClaim: env.OIDC_ROLE_CLAIM ?? DEFAULT_OIDC_ROLE_CLAIM,
    roleMap: env.OIDC_ROLE_MAP,
    accountMap: env.OIDC_ACCOUNT_MAP ?? new Map(),
  };
}
