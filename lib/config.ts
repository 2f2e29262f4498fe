import "server-only";
import path from "node:path";
import { Cron } from "croner";
import { z } from "zod";
import { SCOPED_ACCOUNT_PATTERN, splitScopedAccount } from "@/lib/config/account-name";
import { ALL_CONNECTIONS, CONNECTION_LABEL_PATTERN, MAX_CONNECTION_LABEL_LENGTH } from "@/lib/config/connection-label";
import { keyedList, splitEntry } from "@/lib/config/keyed-list";
import { checkOidcEnv, oidcConfig, oidcEnvFields, type OidcConfig } from "@/lib/config/oidc";
import { MAX_DEMO_ACCOUNTS, MIN_DEMO_ACCOUNTS } from "@/lib/config/demo-accounts";
import { parsePasswordHash, type PasswordHash } from "@/lib/config/password-hash";
import { isRole, ROLES, type Role } from "@/lib/config/roles";
import { isMasterKey } from "@/lib/config/master-key";

/** One attempt of one request to Gemini; retries and the whole request are bounded in lib/gemini/retry. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** How often an open dashboard asks for fresh balances. */
export const DEFAULT_REFRESH_INTERVAL_MS = 30_000;
/**
 * Never faster: at 5 s a dashboard costs 0.2 calls a second, so 25 different views (account x
 * pending) open at once stay within Gemini's 5 private calls a second for the whole key.
 */
export const MIN_REFRESH_INTERVAL_MS = 5_000;
export const MAX_REFRESH_INTERVAL_MS = 3_600_000;
export const DEFAULT_GEMINI_API_URL = "https://api.gemini.com";
/** How long balances are served from the cache; 0 turns the cache off (in-flight calls still join). */
export const DEFAULT_BALANCES_CACHE_TTL_MS = 5_000;
/** Gemini recommends at most 5 private calls a second per key, for the whole deployment. */
export const DEFAULT_GEMINI_CALLS_PER_SECOND = 5;
export const NONCE_UNITS = ["milliseconds", "seconds"] as const;
export type NonceUnit = (typeof NONCE_UNITS)[number];

/** The one connection of a deployment configured with the single-key variables (GEMINI_API_KEY, or the demo). */
export const DEFAULT_CONNECTION = "default";
/** More keys than this is a misreading of the setting: each is a separate budget and a column of the overview. */
export const MAX_CONNECTIONS = 20;

/** A sign-in lasts a working day unless SESSION_TTL says otherwise. */
export const DEFAULT_SESSION_TTL_SECONDS = 8 * 60 * 60;
/** A session unused this long ends (SESSION_IDLE), whatever its SESSION_TTL. */
export const DEFAULT_SESSION_IDLE_SECONDS = 30 * 60;
const MIN_SESSION_IDLE_SECONDS = 60;
/** iron-session's floor for its encryption password. */
export const MIN_SESSION_SECRET_LENGTH = 32;
const MIN_SESSION_TTL_SECONDS = 5 * 60;
const MAX_SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;
const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const USER_NAME_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;


const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
/** The embedded store's folder, relative to the project directory, unless DATA_DIR says otherwise. */
export const DEFAULT_DATA_DIR = "data";
/** Hourly, on the hour (UTC), unless SNAPSHOT_SCHEDULE says otherwise. */
export const DEFAULT_SNAPSHOT_SCHEDULE = "0 * * * *";
/** Every snapshot is kept this long; older ones thin to the last of each UTC day. */
export const DEFAULT_KEEP_ALL_SNAPSHOT_DAYS = 90;
/** A bearer shorter than this is guessable; Vercel's own examples use 16+ random characters. */
export const MIN_CRON_SECRET_LENGTH = 16;
/** Next's build output: wiped by every build, so history must never live there. */
const BUILD_OUTPUT_FOLDER = ".next";

const optionalText = z
  .string()
  .transform((value) => value.trim())
  .pipe(z.string())
  .optional()
  .transform((value) => (value ? value : undefined));

const exchangeUrl = (name: string) =>
  z
    .url({ message: `${name} must be a URL such as https://api.sandbox.gemini.com` })
    .refine(
      (value) => {
        // Zod refines a value its URL check refused too: an unparsable one is that check's to report.
        if (!URL.canParse(value)) return true;
        const url = new URL(value);
        return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
      },
      { message: `${name} must use https:// (plain http:// is allowed only for localhost)` },
    )
    .transform((value) => value.replace(/\/+$/, ""));

/** A server's URL with one of `schemes` (a value that is no URL gets `notUrl`, naming the variable). */
const serverUrl = (schemes: readonly string[], notUrl: string, wrongScheme: string) =>
  z.url({ message: notUrl }).refine((value) => !URL.canParse(value) || schemes.includes(new URL(value).protocol), { message: wrongScheme });

/** A whole number within bounds, named in its messages. Other modules add their own with it. */
export const wholeNumber = (name: string, min: number, max: number) =>
  optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, `${name} must be a whole number`)
      .transform(Number)
      .refine((value) => value >= min && value <= max, `${name} must be between ${min} and ${max}`)
      .optional(),
  );

/** More proxies than this in front of one app is a misreading of the setting, not a deployment. */
export const MAX_TRUSTED_PROXIES = 10;

/**
 * How many proxies in front of the server append to X-Forwarded-For. `true` (the old flag) is one
 * proxy, `false` none, so existing settings keep working.
 */
const trustedProxies = optionalText.pipe(
  z
    .string()
    .regex(/^(true|false|\d+)$/, `TRUST_PROXY must be the number of proxies in front of the server (0-${MAX_TRUSTED_PROXIES}), or 'true' (1) / 'false' (0)`)
    .transform((value) => (value === "true" ? 1 : value === "false" ? 0 : Number(value)))
    .refine((value) => value <= MAX_TRUSTED_PROXIES, `TRUST_PROXY must be between 0 and ${MAX_TRUSTED_PROXIES}`)
    .optional(),
);

const booleanFlag = (name: string) =>
  optionalText.pipe(
    z
      .enum(["true", "false", "1", "0"], { message: `${name} must be 'true' or 'false'` })
      .transform((value) => value === "true" || value === "1")
      .optional(),
  );

/** A cron expression in UTC (five fields, or six with seconds), or `off`. */
const snapshotSchedule = optionalText.pipe(
  z
    .string()
    .refine((value) => value === "off" || isCronExpression(value), {
      message: `SNAPSHOT_SCHEDULE must be a cron expression in UTC such as '${DEFAULT_SNAPSHOT_SCHEDULE}' (hourly), or 'off'`,
    })
    .optional(),
);

function isCronExpression(value: string): boolean {
  try {
    new Cron(value, { paused: true, timezone: "UTC" }).stop();
    return true;
  } catch {
    return false;
  }
}

/** `<days>d`: keep every snapshot that long, then the last of each UTC day; `all` keeps every one. */
const snapshotRetention = optionalText.pipe(
  z
    .string()
    .regex(/^(all|[1-9]\d{0,4}d)$/, "SNAPSHOT_RETENTION must be a number of days such as '90d' (every snapshot kept that long, then one a day), or 'all'")
    .transform((value) => (value === "all" ? null : Number(value.slice(0, -1))))
    .optional(),
);

const demoHistory = optionalText.pipe(z.enum(["on", "off"], { message: "DEMO_HISTORY must be on or off" }).optional());
const warmUp = optionalText.pipe(z.enum(["on", "off"], { message: "WARM_UP must be on or off" }).optional());

const cronSecret = optionalText.pipe(
  z
    .string()
    .min(MIN_CRON_SECRET_LENGTH, `CRON_SECRET must be at least ${MIN_CRON_SECRET_LENGTH} characters (e.g. openssl rand -base64 32)`)
    .optional(),
);

/**
 * iron-session finds a secret by Number(id) written back as text, so "01" or "1e3" would seal
 * cookies it can never open again. Fifteen digits stay exact as a Number.
 */
const ROTATION_ID = /^[1-9]\d{0,14}$/;

/** iron-session's password: one secret, or a JSON map of ids to secrets (the highest id seals). */
export type SessionPassword = string | Readonly<Record<string, string>>;

const sessionSecret = optionalText.pipe(
  z
    .string()
    .transform((value, ctx): SessionPassword => {
      const tooShort = `SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} characters (e.g. openssl rand -base64 32)`;
      if (!value.startsWith("{")) {
        if (value.length < MIN_SESSION_SECRET_LENGTH) ctx.addIssue({ code: "custom", message: tooShort });
        return value;
      }
      const map = z.record(z.string(), z.string()).safeParse(safeJson(value));
      if (!map.success || Object.keys(map.data).length === 0) {
        ctx.addIssue({ code: "custom", message: 'SESSION_SECRET as a rotation map must be JSON like {"2":"new secret","1":"old secret"}' });
        return value;
      }
      const badIds = Object.keys(map.data).filter((id) => !ROTATION_ID.test(id));
      if (badIds.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `SESSION_SECRET rotation ids must be positive integers without leading zeros, like "1" or "2" (not ${badIds.map((id) => JSON.stringify(id)).join(", ")})`,
        });
        return value;
      }
      if (Object.values(map.data).some((secret) => secret.length < MIN_SESSION_SECRET_LENGTH)) {
        ctx.addIssue({ code: "custom", message: `Every secret in SESSION_SECRET must be at least ${MIN_SESSION_SECRET_LENGTH} characters` });
      }
      return map.data;
    })
    .optional(),
);

const dashboardUsers = optionalText.pipe(
  z
    .string()
    .transform((value, ctx) => {
      const users = new Map<string, PasswordHash>();
      for (const entry of value.split(",").map((part) => part.trim()).filter(Boolean)) {
        const colon = entry.indexOf(":");
        const name = colon > 0 ? entry.slice(0, colon) : "";
        const hash = colon > 0 ? parsePasswordHash(entry.slice(colon + 1)) : null;
        if (!USER_NAME_PATTERN.test(name) || !hash) {
          ctx.addIssue({
            code: "custom",
            message: `DASHBOARD_USERS entry ${users.size + 1} is not name:hash (make the hash with npm run -s hash-password -- 'password')`,
          });
          continue;
        }
        if (users.has(name)) ctx.addIssue({ code: "custom", message: `DASHBOARD_USERS names '${name}' twice` });
        users.set(name, hash);
      }
      return users;
    })
    .optional(),
);

/** "name:role,name:role": a role for each user of DASHBOARD_USERS (lib/auth/roles.ts). */
const dashboardRoles = optionalText.pipe(
  keyedList("DASHBOARD_ROLES", `name:role (role one of ${ROLES.join(", ")})`, (entry) => {
    const split = splitEntry(entry, "first");
    return split && USER_NAME_PATTERN.test(split.key) && isRole(split.item) ? { key: split.key, value: split.item } : null;
  }).optional(),
);

/** "name:account|account,...": the only accounts a user may see (every account when not named). */
const dashboardAccounts = optionalText.pipe(
  keyedList(
    "DASHBOARD_ACCOUNTS",
    "name:account|account (account names as Gemini shows them; connection/account with several connections)",
    (entry): { key: string; value: readonly string[] } | null => {
      const split = splitEntry(entry, "first");
      const accounts = split ? split.item.split("|").map((account) => account.trim()) : [];
      if (!split || !USER_NAME_PATTERN.test(split.key) || accounts.some((account) => !SCOPED_ACCOUNT_PATTERN.test(account))) return null;
      return { key: split.key, value: [...new Set(accounts)] };
    },
  ).optional(),
);

/** A duration in seconds, written 8h, 30m or 3600 (seconds), within bounds named in the messages. */
const duration = (name: string, example: string, min: number, max: number, bounds: string) =>
  optionalText.pipe(
    z
      .string()
      .regex(/^\d+[smhd]?$/, `${name} must be a duration such as ${example} or 3600 (seconds)`)
      .transform((value) => {
        const unit = /[smhd]$/.test(value) ? value.slice(-1) : "s";
        return Number.parseInt(value, 10) * TTL_UNITS[unit]!;
      })
      .refine((seconds) => seconds >= min && seconds <= max, `${name} must be between ${bounds}`)
      .optional(),
  );

const sessionTtl = duration("SESSION_TTL", "8h, 30m", MIN_SESSION_TTL_SECONDS, MAX_SESSION_TTL_SECONDS, "5m and 30d");
const sessionIdle = duration("SESSION_IDLE", "30m, 2h", MIN_SESSION_IDLE_SECONDS, MAX_SESSION_TTL_SECONDS, "1m and 30d");

/** A comma-separated list of unique connection labels (GEMINI_CONNECTIONS, DEMO_CONNECTIONS). */
const connectionLabels = (name: string) =>
  optionalText.pipe(
    z
      .string()
      .transform((value, ctx) => {
        const labels = value.split(",").map((part) => part.trim()).filter(Boolean);
        for (const label of labels) {
          if (!CONNECTION_LABEL_PATTERN.test(label) || label.length > MAX_CONNECTION_LABEL_LENGTH) {
            ctx.addIssue({
              code: "custom",
              message: `${name} label '${label}' must be lowercase letters and digits separated by single dashes (at most ${MAX_CONNECTION_LABEL_LENGTH} characters), e.g. us-entity`,
            });
          }
          if (label === ALL_CONNECTIONS) {
            ctx.addIssue({ code: "custom", message: `${name} may not name a connection '${ALL_CONNECTIONS}': ?connection=${ALL_CONNECTIONS} means every connection` });
          }
        }
        const repeated = labels.filter((label, index) => labels.indexOf(label) !== index);
        if (repeated.length > 0) ctx.addIssue({ code: "custom", message: `${name} names '${repeated[0]}' twice` });
        if (labels.length === 0) ctx.addIssue({ code: "custom", message: `${name} must list at least one label, e.g. us-entity,sg-entity` });
        if (labels.length > MAX_CONNECTIONS) ctx.addIssue({ code: "custom", message: `${name} lists ${labels.length} connections; at most ${MAX_CONNECTIONS}` });
        return labels;
      })
      .optional(),
  );

/** The variable suffix of a connection label: us-entity -> US_ENTITY (labels hold no '_', so two labels never share one). */
export function connectionEnvSuffix(label: string): string {
  return label.toUpperCase().replaceAll("-", "_");
}

const NONCE_MESSAGE = (name: string) => `${name} must be 'milliseconds' (default) or 'seconds'`;
const nonceUnit = (name: string) => optionalText.pipe(z.enum(NONCE_UNITS, { message: NONCE_MESSAGE(name) }).optional());

/** The variables every connection of GEMINI_CONNECTIONS reads, by the label's suffix. */
const PER_CONNECTION_PREFIXES = ["GEMINI_API_KEY_", "GEMINI_API_SECRET_", "GEMINI_API_URL_", "GEMINI_NONCE_"] as const;

/**
 * GEMINI_CONNECTIONS' keys, one connection per label, in the order listed (the first is the
 * default). Fails closed: a missing key or secret, a key two connections share (they would share
 * one nonce sequence and rate budget), and a per-connection variable for a label not listed (a
 * typo that would leave an entity out) each stop the start, naming the variable.
 */
function readConnections(env: Record<string, string | undefined>, labels: readonly string[]): { connections: ConnectionConfig[]; problems: string[] } {
  const problems: string[] = [];
  const connections: ConnectionConfig[] = [];
  const keyOwners = new Map<string, string>();
  for (const label of labels) {
    const suffix = connectionEnvSuffix(label);
    const names = { key: `GEMINI_API_KEY_${suffix}`, secret: `GEMINI_API_SECRET_${suffix}`, url: `GEMINI_API_URL_${suffix}`, nonce: `GEMINI_NONCE_${suffix}` };
    const apiKey = env[names.key]?.trim() ?? "";
    const apiSecret = env[names.secret]?.trim() ?? "";
    for (const [name, value] of [[names.key, apiKey], [names.secret, apiSecret]] as const) {
      if (!value) problems.push(`${name} is missing: GEMINI_CONNECTIONS lists '${label}', so set ${names.key} and ${names.secret}`);
    }
    const url = optionalText.pipe(exchangeUrl(names.url).optional()).safeParse(env[names.url]);
    const nonce = nonceUnit(names.nonce).safeParse(env[names.nonce]);
    for (const parsed of [url, nonce]) if (!parsed.success) problems.push(...parsed.error.issues.map((issue) => issue.message));
    const owner = apiKey ? keyOwners.get(apiKey) : undefined;
    if (owner) problems.push(`${names.key} is the same key as ${owner}: each connection needs its own key (a key has one nonce sequence and one rate budget)`);
    if (apiKey) keyOwners.set(apiKey, names.key);
    if (!apiKey || !apiSecret || !url.success || !nonce.success) continue;
    connections.push({
      label,
      baseUrl: url.data ?? DEFAULT_GEMINI_API_URL,
      credentials: { apiKey, apiSecret },
      nonceUnit: nonce.data ?? "milliseconds",
    });
  }
  const suffixes = new Set(labels.map(connectionEnvSuffix));
  for (const name of Object.keys(env).sort()) {
    const prefix = PER_CONNECTION_PREFIXES.find((candidate) => name.startsWith(candidate));
    if (prefix && env[name]?.trim() && !suffixes.has(name.slice(prefix.length))) {
      problems.push(`${name} belongs to no connection: GEMINI_CONNECTIONS (${labels.join(",") || "unset"}) lists no label with the suffix ${name.slice(prefix.length)}`);
    }
  }
  return { connections, problems };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface ConnectionsEnv {
  GEMINI_API_KEY?: string;
  GEMINI_API_SECRET?: string;
  GEMINI_API_URL?: string;
  GEMINI_NONCE?: string;
  GEMINI_CONNECTIONS?: string[];
  DEMO_CONNECTIONS?: string[];
  DEMO_EXCHANGE_URL?: string;
  DASHBOARD_ACCOUNTS?: ReadonlyMap<string, readonly string[]>;
  OIDC_ACCOUNT_MAP?: ReadonlyMap<string, readonly string[]>;
}

/**
 * GEMINI_CONNECTIONS replaces the single-key variables rather than adding a connection to them:
 * with both set, which key is the default would be a guess. DEMO_CONNECTIONS is the embedded
 * demo's, so it stops the start beside any live key or a standalone demo exchange.
 */
function checkConnectionsEnv(env: ConnectionsEnv, ctx: z.RefinementCtx): void {
  if (env.GEMINI_CONNECTIONS) {
    for (const name of ["GEMINI_API_KEY", "GEMINI_API_SECRET", "GEMINI_API_URL", "GEMINI_NONCE"] as const) {
      if (env[name]) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `${name} is for a single connection: with GEMINI_CONNECTIONS set, give each connection its own ${name}_<LABEL> (e.g. ${name}_${connectionEnvSuffix(env.GEMINI_CONNECTIONS[0] ?? "us-entity")}) and unset ${name}`,
        });
      }
    }
  }
  if (env.DEMO_CONNECTIONS) {
    const live = env.GEMINI_CONNECTIONS ? "GEMINI_CONNECTIONS" : env.GEMINI_API_KEY ? "GEMINI_API_KEY" : env.DEMO_EXCHANGE_URL ? "DEMO_EXCHANGE_URL" : null;
    if (live) {
      ctx.addIssue({
        code: "custom",
        path: ["DEMO_CONNECTIONS"],
        message: `DEMO_CONNECTIONS gives the embedded demo exchange several groups: unset it when ${live} is set`,
      });
    }
  }
  // With several connections an account name alone could mean an account of any of them: each
  // entry names its connection (us-entity/primary), one that is configured; with one, none need to.
  const labels = env.GEMINI_CONNECTIONS ?? env.DEMO_CONNECTIONS ?? null;
  for (const [name, scopes] of [
    ["DASHBOARD_ACCOUNTS", env.DASHBOARD_ACCOUNTS],
    ["OIDC_ACCOUNT_MAP", env.OIDC_ACCOUNT_MAP],
  ] as const) {
    for (const entry of new Set([...(scopes?.values() ?? [])].flat())) {
      const { connection } = splitScopedAccount(entry);
      if (connection === null && labels !== null && labels.length > 1) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `${name} names '${entry}' without its connection, which is ambiguous with several connections (${labels.join(",")}): write connection/account, e.g. ${labels[0]}/${entry}`,
        });
      } else if (connection !== null && !(labels ?? []).includes(connection)) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `${name} names '${entry}', but '${connection}' is not a connection of ${labels === null ? "this dashboard (GEMINI_CONNECTIONS is unset)" : `GEMINI_CONNECTIONS/DEMO_CONNECTIONS (${labels.join(",")})`}`,
        });
      }
    }
  }
}

const envSchema = z
  .object({
    GEMINI_API_KEY: optionalText,
    GEMINI_API_SECRET: optionalText,
    GEMINI_API_URL: optionalText.pipe(exchangeUrl("GEMINI_API_URL").optional()),
    GEMINI_NONCE: nonceUnit("GEMINI_NONCE"),
    GEMINI_CONNECTIONS: connectionLabels("GEMINI_CONNECTIONS"),
    DEMO_CONNECTIONS: connectionLabels("DEMO_CONNECTIONS"),
    GEMINI_TIMEOUT_MS: wholeNumber("GEMINI_TIMEOUT_MS", 100, 60_000),
    DEMO_EXCHANGE_URL: optionalText.pipe(exchangeUrl("DEMO_EXCHANGE_URL").optional()),
    PORT: wholeNumber("PORT", 1, 65_535),
    SESSION_SECRET: sessionSecret,
    DASHBOARD_USERS: dashboardUsers,
    DASHBOARD_ROLES: dashboardRoles,
    DASHBOARD_ACCOUNTS: dashboardAccounts,
    SESSION_TTL: sessionTtl,
    SESSION_IDLE: sessionIdle,
    COOKIE_SECURE: booleanFlag("COOKIE_SECURE"),
    TRUST_PROXY: trustedProxies,
    REDIS_URL: optionalText.pipe(
      serverUrl(
        ["redis:", "rediss:"],
        "REDIS_URL must be a URL such as redis://localhost:6379 or rediss://user:pass@host:6380",
        "REDIS_URL must start with redis:// or rediss:// (TLS)",
      ).optional(),
    ),
    BALANCES_CACHE_TTL_MS: wholeNumber("BALANCES_CACHE_TTL_MS", 0, 300_000),
    GEMINI_CALLS_PER_SECOND: wholeNumber("GEMINI_CALLS_PER_SECOND", 1, 10),
    REFRESH_INTERVAL_MS: wholeNumber("REFRESH_INTERVAL_MS", MIN_REFRESH_INTERVAL_MS, MAX_REFRESH_INTERVAL_MS),
    DATABASE_URL: optionalText.pipe(
      serverUrl(
        ["postgres:", "postgresql:"],
        "DATABASE_URL must be a URL such as postgres://user:pass@host:5432/treasury?sslmode=require",
        "DATABASE_URL must start with postgres:// or postgresql://",
      ).optional(),
    ),
    DATA_DIR: optionalText,
    SNAPSHOT_SCHEDULE: snapshotSchedule,
    SNAPSHOT_RETENTION: snapshotRetention,
    CRON_SECRET: cronSecret,
    DEMO_HISTORY: demoHistory,
    DEMO_ACCOUNTS: wholeNumber("DEMO_ACCOUNTS", MIN_DEMO_ACCOUNTS, MAX_DEMO_ACCOUNTS),
    ALERTS_ALLOW_PRIVATE: booleanFlag("ALERTS_ALLOW_PRIVATE"),
    WARM_UP: warmUp,
    VERCEL: optionalText,
    ...oidcEnvFields,
  })
  .superRefine((env, ctx) => {
    checkConnectionsEnv(env, ctx);
    if (Boolean(env.GEMINI_API_KEY) !== Boolean(env.GEMINI_API_SECRET)) {
      const missing = env.GEMINI_API_KEY ? "GEMINI_API_SECRET" : "GEMINI_API_KEY";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: `${missing} is missing: set GEMINI_API_KEY and GEMINI_API_SECRET together, or neither for the demo exchange`,
      });
    }
    if ((env.GEMINI_API_KEY || env.GEMINI_CONNECTIONS) && env.DEMO_EXCHANGE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DEMO_EXCHANGE_URL"],
        message: `DEMO_EXCHANGE_URL is for demo mode only: unset it when ${env.GEMINI_API_KEY ? "GEMINI_API_KEY" : "GEMINI_CONNECTIONS"} is set`,
      });
    }
    if (env.DEMO_ACCOUNTS !== undefined && (env.GEMINI_API_KEY || env.GEMINI_CONNECTIONS || env.DEMO_EXCHANGE_URL)) {
      ctx.addIssue({
        code: "custom",
        path: ["DEMO_ACCOUNTS"],
        message: env.GEMINI_API_KEY || env.GEMINI_CONNECTIONS
          ? `DEMO_ACCOUNTS is for demo mode only: unset it when ${env.GEMINI_API_KEY ? "GEMINI_API_KEY" : "GEMINI_CONNECTIONS"} is set`
          : "DEMO_ACCOUNTS sizes the embedded demo exchange: with DEMO_EXCHANGE_URL, start that exchange with --accounts instead",
      });
    }
    // Fail closed: live balances are never served without sign-in.
    const live = Boolean((env.GEMINI_API_KEY && env.GEMINI_API_SECRET) || env.GEMINI_CONNECTIONS);
    const why = live
      ? "live Gemini credentials are set, so sign-in is required"
      : env.DASHBOARD_USERS
        ? "DASHBOARD_USERS is set, so sign-in is required"
        : "OIDC_ISSUER is set, so sign-in is required";
    checkOidcEnv(env, ctx);
    if ((live || env.DASHBOARD_USERS || env.OIDC_ISSUER) && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: `SESSION_SECRET is missing: ${why}. Set it to a random string of at least ${MIN_SESSION_SECRET_LENGTH} characters (openssl rand -base64 32)`,
      });
    }
    // A role or scope for nobody is a typo that would silently leave someone with more than meant.
    for (const [variable, named] of [
      ["DASHBOARD_ROLES", env.DASHBOARD_ROLES],
      ["DASHBOARD_ACCOUNTS", env.DASHBOARD_ACCOUNTS],
    ] as const) {
      for (const name of named?.keys() ?? []) {
        if (!env.DASHBOARD_USERS?.has(name)) {
          ctx.addIssue({ code: "custom", path: [variable], message: `${variable} names '${name}', who is not in DASHBOARD_USERS` });
        }
      }
    }
    // An account key reads one account and cannot list the group, so the dashboard could not tell
    // whether that account is among a user's: a scope would be a promise it cannot keep.
    for (const [name, scopes] of [
      ["DASHBOARD_ACCOUNTS", env.DASHBOARD_ACCOUNTS],
      ["OIDC_ACCOUNT_MAP", env.OIDC_ACCOUNT_MAP],
    ] as const) {
      if (env.GEMINI_API_KEY && !isMasterKey(env.GEMINI_API_KEY) && scopes?.size) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: `${name} limits users to some accounts of a master key's group, but GEMINI_API_KEY is an account key (one account, no account list): unset ${name}, or use a master key`,
        });
      }
    }
    // Once roles are given, nobody gets one by default: a forgotten line must not mean admin.
    if (env.DASHBOARD_ROLES?.size) {
      for (const name of env.DASHBOARD_USERS?.keys() ?? []) {
        if (!env.DASHBOARD_ROLES.has(name)) {
          ctx.addIssue({
            code: "custom",
            path: ["DASHBOARD_ROLES"],
            message: `DASHBOARD_ROLES gives no role to '${name}': when DASHBOARD_ROLES is set, every user of DASHBOARD_USERS needs one`,
          });
        }
      }
    }
    const ttl = env.SESSION_TTL ?? DEFAULT_SESSION_TTL_SECONDS;
    if (env.SESSION_IDLE !== undefined && env.SESSION_IDLE > ttl) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_IDLE"],
        message: `SESSION_IDLE must not be longer than SESSION_TTL (${ttl} s): a session ends at SESSION_TTL however active it is`,
      });
    }
    // Sessions live in the store: instances that each kept their own could not end each other's.
    const several = severalInstances(env);
    if ((env.DASHBOARD_USERS?.size || env.OIDC_ISSUER) && several && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DATABASE_URL"],
        message: `DATABASE_URL is missing: sign-in is on and ${several}, so sessions must be kept in a PostgreSQL server every instance shares (a sign-out must end the session on all of them)`,
      });
    }
    // With live credentials someone must be able to sign in: local users, single sign-on, or both.
    if (live && !env.DASHBOARD_USERS?.size && !env.OIDC_ISSUER) {
      ctx.addIssue({
        code: "custom",
        path: ["DASHBOARD_USERS"],
        message: `DASHBOARD_USERS is missing: ${why}. Set it to name:hash (make the hash with npm run -s hash-password -- 'password'), or set up single sign-on with OIDC_ISSUER`,
      });
    }
    if (env.LOCAL_LOGIN === "off" && !env.OIDC_ISSUER) {
      ctx.addIssue({
        code: "custom",
        path: ["LOCAL_LOGIN"],
        message: "LOCAL_LOGIN=off needs single sign-on: without OIDC_ISSUER nobody could sign in",
      });
    }
  });

export interface ExchangeCredentials {
  apiKey: string;
  apiSecret: string;
}

/** One Gemini key and where it is used: its own nonce sequence, gate, rate budget and cache. */
export interface ConnectionConfig {
  /** `default` for the single-key variables; else a label of GEMINI_CONNECTIONS or DEMO_CONNECTIONS. */
  label: string;
  /** Base URL of the exchange, or null for a demo exchange embedded in this process. */
  baseUrl: string | null;
  /**
   * The key and secret; null in demo mode, where the server signs with a demo exchange's public
   * key (lib/server/exchange-key.ts).
   */
  credentials: ExchangeCredentials | null;
  nonceUnit: NonceUnit;
}

/** The default (first) connection, and what every connection shares. */
export interface ExchangeConfig extends ConnectionConfig {
  timeoutMs: number;
  /** Calls a second this key may make across the whole deployment. */
  callsPerSecond: number;
}

export interface AuthConfig {
  users: ReadonlyMap<string, PasswordHash>;
  /** Each user's role; empty (DASHBOARD_ROLES unset) = every user is admin, as before roles existed. */
  roles: ReadonlyMap<string, Role>;
  /** Users limited to some accounts; a user not here sees every account. */
  scopes: ReadonlyMap<string, readonly string[]>;
  sessionPassword: SessionPassword;
  /** Absolute: a session ends this long after sign-in, however active. */
  sessionTtlSeconds: number;
  /** A session not used for this long ends (SESSION_IDLE); at most sessionTtlSeconds. */
  sessionIdleSeconds: number;
  /** null: Secure except on plain http to localhost in production (see lib/auth/session.ts). */
  cookieSecure: boolean | null;
  /** Single sign-on (lib/auth/oidc.ts); null = local users only. */
  oidc: OidcConfig | null;
  /** LOCAL_LOGIN: false hides the local form and refuses local sign-in and local sessions. */
  localLogin: boolean;
  /** PUBLIC_URL's origin, for the OIDC callback; null = the request's own origin. */
  publicUrl: string | null;
}

export interface StoreConfig {
  /** A PostgreSQL server; null = the embedded PGlite in dataDir (one process). */
  databaseUrl: string | null;
  /** Absolute path of the embedded store's folder. */
  dataDir: string;
}

export interface HistoryConfig {
  /** null: history is on; else the one sentence the log and the UI show. */
  offReason: string | null;
  /** When snapshots are taken in-process (cron, UTC); null = never (SNAPSHOT_SCHEDULE=off). */
  schedule: string | null;
  /** Every snapshot is kept this many days, then the last of each UTC day; null = keep every one. */
  keepAllDays: number | null;
  /** The bearer GET /api/cron/snapshot requires; null = that route does not exist. */
  cronSecret: string | null;
  /** On Vercel (VERCEL=1): no in-process schedule, Vercel Cron calls the route instead. */
  onVercel: boolean;
  /** Demo mode seeds an empty store with 90 days of made-up history; false with DEMO_HISTORY=off. */
  demoHistory: boolean;
}

export interface AlertDeliveryConfig {
  /** ALERTS_ALLOW_PRIVATE: destinations may be on private, loopback, CGNAT or unique-local addresses. */
  allowPrivate: boolean;
}

export interface AppConfig {
  mode: "live" | "demo";
  exchange: ExchangeConfig;
  /** Every Gemini key, in the order configured; the first is the default (the one `exchange` describes). */
  connections: readonly ConnectionConfig[];
  /** Shared state for many instances (nonces, gate, cache, rate budget); null = in-process. */
  redisUrl: string | null;
  balancesCacheTtlMs: number;
  port: number;
  /** null: demo mode without DASHBOARD_USERS, the dashboard is open. */
  auth: AuthConfig | null;
  /** NODE_ENV=production (next build/start, the standalone server). */
  production: boolean;
  /** At start the server renders the all-accounts view for itself (lib/server/warm-up.ts); false with WARM_UP=off. */
  warmUp: boolean;
  /** Proxies in front of the server that append to X-Forwarded-For; 0 = the socket's address. */
  trustedProxies: number;
  /** How often the dashboard in the browser refetches balances. */
  refreshIntervalMs: number;
  /** Where balance history is kept. */
  store: StoreConfig;
  history: HistoryConfig;
  alertDelivery: AlertDeliveryConfig;
  /** DEMO_ACCOUNTS: the embedded demo group's size; null = its five named accounts. */
  demoAccounts: number | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration error:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** The project directory: the working directory, or the folder holding .next for the standalone server. */
export function projectDirectory(cwd: string): string {
  const parts = path.resolve(cwd).split(path.sep);
  const build = parts.indexOf(BUILD_OUTPUT_FOLDER);
  return build > 0 ? parts.slice(0, build).join(path.sep) || path.sep : path.resolve(cwd);
}

function resolveDataDir(value: string | undefined, cwd: string): string | { problem: string } {
  const project = projectDirectory(cwd);
  const dataDir = path.resolve(project, value ?? DEFAULT_DATA_DIR);
  if (dataDir.split(path.sep).includes(BUILD_OUTPUT_FOLDER)) {
    return { problem: `DATA_DIR must not be inside ${BUILD_OUTPUT_FOLDER}/ (every build erases it): ${dataDir}` };
  }
  return dataDir;
}

/**
 * Pure: validates an environment; every problem is reported at once so one restart fixes them all.
 * `cwd` anchors a relative DATA_DIR (the project directory, even when run from .next/standalone).
 */
export function parseConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): AppConfig {
  const result = envSchema.safeParse(env);
  const dataDir = resolveDataDir(env.DATA_DIR?.trim() || undefined, cwd);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((issue) => issue.message)),
    ...(typeof dataDir === "string" ? [] : [dataDir.problem]),
  ];
  // Read apart from the schema, so a problem elsewhere does not make every per-connection variable look stray.
  const labels = result.success
    ? (result.data.GEMINI_CONNECTIONS ?? [])
    : [...new Set((env.GEMINI_CONNECTIONS ?? "").split(",").map((part) => part.trim()).filter((label) => CONNECTION_LABEL_PATTERN.test(label)))];
  const several = readConnections(env, labels);
  problems.push(...several.problems);
  if (result.success && labels.length > 0) problems.push(...accountKeyScopeProblems(result.data, several.connections));
  if (!result.success || typeof dataDir !== "string" || problems.length > 0) throw new ConfigError(problems);
  const vars = result.data;
  const live = Boolean((vars.GEMINI_API_KEY && vars.GEMINI_API_SECRET) || vars.GEMINI_CONNECTIONS);
  const oidc = oidcConfig(vars);
  const connections: ConnectionConfig[] = vars.GEMINI_CONNECTIONS
    ? several.connections
    : (vars.DEMO_CONNECTIONS ?? [DEFAULT_CONNECTION]).map((label) => ({
        label,
        baseUrl: live ? (vars.GEMINI_API_URL ?? DEFAULT_GEMINI_API_URL) : (vars.DEMO_EXCHANGE_URL ?? null),
        credentials: live ? { apiKey: vars.GEMINI_API_KEY!, apiSecret: vars.GEMINI_API_SECRET! } : null,
        nonceUnit: vars.GEMINI_NONCE ?? "milliseconds",
      }));
  return {
    mode: live ? "live" : "demo",
    exchange: {
      ...connections[0]!,
      timeoutMs: vars.GEMINI_TIMEOUT_MS ?? DEFAULT_REQUEST_TIMEOUT_MS,
      callsPerSecond: vars.GEMINI_CALLS_PER_SECOND ?? DEFAULT_GEMINI_CALLS_PER_SECOND,
    },
    connections,
    redisUrl: vars.REDIS_URL ?? null,
    balancesCacheTtlMs: vars.BALANCES_CACHE_TTL_MS ?? DEFAULT_BALANCES_CACHE_TTL_MS,
    port: vars.PORT ?? 3000,
    auth:
      (vars.DASHBOARD_USERS?.size || oidc) && vars.SESSION_SECRET
        ? {
            users: vars.DASHBOARD_USERS ?? new Map(),
            roles: vars.DASHBOARD_ROLES ?? new Map(),
            scopes: vars.DASHBOARD_ACCOUNTS ?? new Map(),
            sessionPassword: vars.SESSION_SECRET,
            sessionTtlSeconds: vars.SESSION_TTL ?? DEFAULT_SESSION_TTL_SECONDS,
            sessionIdleSeconds: vars.SESSION_IDLE ?? Math.min(DEFAULT_SESSION_IDLE_SECONDS, vars.SESSION_TTL ?? DEFAULT_SESSION_TTL_SECONDS),
            cookieSecure: vars.COOKIE_SECURE ?? null,
            oidc,
            localLogin: vars.LOCAL_LOGIN !== "off",
            publicUrl: vars.PUBLIC_URL ?? null,
          }
        : null,
    trustedProxies: vars.TRUST_PROXY ?? 0,
    production: env.NODE_ENV === "production",
    warmUp: vars.WARM_UP !== "off",
    refreshIntervalMs: vars.REFRESH_INTERVAL_MS ?? DEFAULT_REFRESH_INTERVAL_MS,
    store: { databaseUrl: vars.DATABASE_URL ?? null, dataDir },
    history: historyConfig(vars),
    alertDelivery: { allowPrivate: vars.ALERTS_ALLOW_PRIVATE ?? false },
    demoAccounts: vars.DEMO_ACCOUNTS ?? null,
  };
}

type EnvVars = z.output<typeof envSchema>;

/** GEMINI_CONNECTIONS' form of the single key's rule below: an account key cannot list the group a scope names accounts of. */
function accountKeyScopeProblems(vars: EnvVars, connections: readonly ConnectionConfig[]): string[] {
  const accountKey = connections.find((connection) => connection.credentials && !isMasterKey(connection.credentials.apiKey));
  if (!accountKey) return [];
  return (["DASHBOARD_ACCOUNTS", "OIDC_ACCOUNT_MAP"] as const)
    .filter((name) => vars[name]?.size)
    .map(
      (name) =>
        `${name} limits users to some accounts of a master key's group, but GEMINI_API_KEY_${connectionEnvSuffix(accountKey.label)} is an account key (one account, no account list): unset ${name}, or use a master key`,
    );
}

/**
 * Why this deployment runs as several instances (on Vercel, or sharing state through REDIS_URL),
 * which the embedded store (one process) cannot serve; null for one process.
 */
function severalInstances(vars: Pick<EnvVars, "VERCEL" | "REDIS_URL">): string | null {
  if (vars.VERCEL === "1") return "it runs on Vercel";
  if (vars.REDIS_URL) return "REDIS_URL is set (several instances)";
  return null;
}

/** The embedded store serves one process: with several instances (Redis, Vercel) history needs a server. */
function historyOffReason(vars: EnvVars, onVercel: boolean): string | null {
  if (vars.DATABASE_URL) return null;
  if (onVercel) return "History is off: on Vercel it needs a PostgreSQL server, so set DATABASE_URL.";
  if (severalInstances(vars)) return "History is off: with REDIS_URL (several instances) it needs a PostgreSQL server, so set DATABASE_URL.";
  return null;
}

function historyConfig(vars: EnvVars): HistoryConfig {
  const onVercel = vars.VERCEL === "1";
  const schedule = vars.SNAPSHOT_SCHEDULE ?? DEFAULT_SNAPSHOT_SCHEDULE;
  return {
    offReason: historyOffReason(vars, onVercel),
    schedule: schedule === "off" ? null : schedule,
    keepAllDays: vars.SNAPSHOT_RETENTION === undefined ? DEFAULT_KEEP_ALL_SNAPSHOT_DAYS : vars.SNAPSHOT_RETENTION,
    cronSecret: vars.CRON_SECRET ?? null,
    onVercel,
    demoHistory: vars.DEMO_HISTORY !== "off",
  };
}

let cached: AppConfig | undefined;

/** Read lazily so `next build` needs no secrets; validated once per process. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
