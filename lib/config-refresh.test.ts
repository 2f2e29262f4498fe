import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_REFRESH_INTERVAL_MS, MIN_REFRESH_INTERVAL_MS, parseConfig } from "@/lib/config";

function problem(env: Record<string, string>): string | undefined {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems[0];
    throw error;
  }
  return undefined;
}

describe("REFRESH_INTERVAL_MS", () => {
  it("defaults to 30 s and accepts a slower pace", () => {
    expect(parseConfig({}).refreshIntervalMs).toBe(DEFAULT_REFRESH_INTERVAL_MS);
    expect(DEFAULT_REFRESH_INTERVAL_MS).toBe(30_000);
    expect(parseConfig({ REFRESH_INTERVAL_MS: "60000" }).refreshIntervalMs).toBe(60_000);
  });

  it("refuses a pace faster than Gemini's rate guidance allows", () => {
    expect(problem({ REFRESH_INTERVAL_MS: String(MIN_REFRESH_INTERVAL_MS - 1) })).toContain("REFRESH_INTERVAL_MS must be between 5000");
    expect(problem({ REFRESH_INTERVAL_MS: "fast" })).toContain("whole number");
  });
});
