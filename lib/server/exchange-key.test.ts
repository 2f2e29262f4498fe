import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { DEMO_MASTER_KEY, DEMO_MASTER_SECRET } from "@/lib/demo-exchange/credentials";
import { connectionKey, exchangeKey } from "@/lib/server/exchange-key";

const SIGN_IN = {
  SESSION_SECRET: "0123456789abcdef0123456789abcdef",
  DASHBOARD_USERS: `alice:scrypt:N=1024:r=8:p=1:${"A".repeat(22)}:${"B".repeat(43)}`,
};
const live = (apiKey: string) => parseConfig({ GEMINI_API_KEY: apiKey, GEMINI_API_SECRET: "secret", ...SIGN_IN });

describe("exchangeKey", () => {
  it("signs demo mode with the demo exchange's master key", () => {
    expect(exchangeKey(parseConfig({}))).toEqual({ apiKey: DEMO_MASTER_KEY, apiSecret: DEMO_MASTER_SECRET, master: true });
  });

  it("signs live mode with GEMINI_API_KEY, a master key only by Gemini's master- prefix", () => {
    expect(exchangeKey(live("account-abc"))).toEqual({ apiKey: "account-abc", apiSecret: "secret", master: false });
    expect(exchangeKey(live("master-abc")).master).toBe(true);
  });

  it("signs each further demo connection with its own group's key, the first with the demo group's", () => {
    const config = parseConfig({ DEMO_CONNECTIONS: "us-entity,sg-entity" });
    expect(connectionKey(config.connections[0]!, 0).apiKey).toBe(DEMO_MASTER_KEY);
    expect(connectionKey(config.connections[1]!, 1)).toEqual({ apiKey: "master-demo-sg-entity", apiSecret: expect.any(String), master: true });
  });
});
