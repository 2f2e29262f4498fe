import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config";

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseConfig", () => {
  it("runs on the embedded demo exchange without credentials", () => {
    const config = parseConfig({});
    expect(config.mode).toBe("demo");
    expect(config.exchange.baseUrl).toBeNull();
    expect(config.exchange.isMasterKey).toBe(true);
  });

  it("uses live Gemini with both credentials, production by default", () => {
    const config = parseConfig({ GEMINI_API_KEY: "account-abc", GEMINI_API_SECRET: "secret" });
    expect(config.mode).toBe("live");
    expect(config.exchange.baseUrl).toBe("https://api.gemini.com");
    expect(config.exchange.isMasterKey).toBe(false);
  });

  it("names the missing half of a credential pair", () => {
    expect(problems({ GEMINI_API_KEY: "master-abc" })[0]).toContain("GEMINI_API_SECRET is missing");
    expect(problems({ GEMINI_API_SECRET: "s" })[0]).toContain("GEMINI_API_KEY is missing");
  });

  it("refuses plain http except to localhost, and trims a trailing slash", () => {
    expect(problems({ GEMINI_API_URL: "http://api.gemini.com" })[0]).toContain("https://");
    const config = parseConfig({ DEMO_EXCHANGE_URL: "http://127.0.0.1:4100/" });
    expect(config.exchange.baseUrl).toBe("http://127.0.0.1:4100");
  });

  it("explains a bad nonce unit, timeout and port together", () => {
    const found = problems({ GEMINI_NONCE: "micro", GEMINI_TIMEOUT_MS: "abc", PORT: "99999" });
    expect(found).toHaveLength(3);
    expect(found[0]).toContain("GEMINI_NONCE");
  });

  it("accepts seconds nonces for time-based keys", () => {
    expect(parseConfig({ GEMINI_NONCE: "seconds" }).exchange.nonceUnit).toBe("seconds");
  });
});
