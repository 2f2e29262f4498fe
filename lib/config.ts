import "server-only";
import { z } from "zod";
import { DEMO_MASTER_KEY, DEMO_MASTER_SECRET } from "@/lib/demo-exchange/credentials";

/** Gemini recommends at most 5 private calls a second per key; the dashboard never needs more. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_GEMINI_API_URL = "https://api.gemini.com";
export const NONCE_UNITS = ["milliseconds", "seconds"] as const;
export type NonceUnit = (typeof NONCE_UNITS)[number];

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

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
        const url = new URL(value);
        return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
      },
      { message: `${name} must use https:// (plain http:// is allowed only for localhost)` },
    )
    .transform((value) => value.replace(/\/+$/, ""));

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

const envSchema = z
  .object({
    GEMINI_API_KEY: optionalText,
    GEMINI_API_SECRET: optionalText,
    GEMINI_API_URL: optionalText.pipe(exchangeUrl("GEMINI_API_URL").optional()),
    GEMINI_NONCE: optionalText.pipe(
      z.enum(NONCE_UNITS, { message: "GEMINI_NONCE must be 'milliseconds' (default) or 'seconds'" }).optional(),
    ),
    GEMINI_TIMEOUT_MS: wholeNumber("GEMINI_TIMEOUT_MS", 100, 60_000),
    DEMO_EXCHANGE_URL: optionalText.pipe(exchangeUrl("DEMO_EXCHANGE_URL").optional()),
    PORT: wholeNumber("PORT", 1, 65_535),
  })
  .superRefine((env, ctx) => {
    if (Boolean(env.GEMINI_API_KEY) !== Boolean(env.GEMINI_API_SECRET)) {
      const missing = env.GEMINI_API_KEY ? "GEMINI_API_SECRET" : "GEMINI_API_KEY";
      ctx.addIssue({
        code: "custom",
        path: [missing],
        message: `${missing} is missing: set GEMINI_API_KEY and GEMINI_API_SECRET together, or neither for the demo exchange`,
      });
    }
    if (env.GEMINI_API_KEY && env.DEMO_EXCHANGE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["DEMO_EXCHANGE_URL"],
        message: "DEMO_EXCHANGE_URL is for demo mode only: unset it when GEMINI_API_KEY is set",
      });
    }
  });

export interface ExchangeConfig {
  /** Base URL of the exchange, or null for the demo exchange embedded in this process. */
  baseUrl: string | null;
  apiKey: string;
  apiSecret: string;
  isMasterKey: boolean;
  nonceUnit: NonceUnit;
  timeoutMs: number;
}

export interface AppConfig {
  mode: "live" | "demo";
  exchange: ExchangeConfig;
  port: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration error:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Pure: validates an environment; every problem is reported at once so one restart fixes them all. */
export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => issue.message));
  }
  const vars = result.data;
  const live = Boolean(vars.GEMINI_API_KEY && vars.GEMINI_API_SECRET);
  const apiKey = live ? vars.GEMINI_API_KEY! : DEMO_MASTER_KEY;
  return {
    mode: live ? "live" : "demo",
    exchange: {
      baseUrl: live ? (vars.GEMINI_API_URL ?? DEFAULT_GEMINI_API_URL) : (vars.DEMO_EXCHANGE_URL ?? null),
      apiKey,
      apiSecret: live ? vars.GEMINI_API_SECRET! : DEMO_MASTER_SECRET,
      isMasterKey: apiKey.startsWith("master-"),
      nonceUnit: vars.GEMINI_NONCE ?? "milliseconds",
      timeoutMs: vars.GEMINI_TIMEOUT_MS ?? DEFAULT_REQUEST_TIMEOUT_MS,
    },
    port: vars.PORT ?? 3000,
  };
}

let cached: AppConfig | undefined;

/** Read lazily so `next build` needs no secrets; validated once per process. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}
