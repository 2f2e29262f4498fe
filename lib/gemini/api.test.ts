import Big from "big.js";
import { describe, expect, it } from "vitest";
import { createDemoExchange, DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET, DEMO_MASTER_KEY, DEMO_MASTER_SECRET } from "@/lib/demo-exchange";
import type { Roles } from "@/lib/demo-exchange";
import { getNotionalBalances, getRoles } from "@/lib/gemini/api";
import { createGeminiClient } from "@/lib/gemini/client";
import { GeminiError } from "@/lib/gemini/errors";
import { MemoryKeyGate } from "@/lib/gemini/gate";
import { MemoryNonceStore, systemClock } from "@/lib/gemini/nonce";

/** The real client against the in-process demo exchange: signing, nonces and decoding all run. */
function clientFor(options: { roles?: Roles; key?: "master" | "account" } = {}) {
  const exchange = createDemoExchange({ drift: false, roles: options.roles });
  const master = options.key !== "account";
  return createGeminiClient({
    baseUrl: "http://demo.invalid",
    apiKey: master ? DEMO_MASTER_KEY : DEMO_ACCOUNT_KEY,
    apiSecret: master ? DEMO_MASTER_SECRET : DEMO_ACCOUNT_SECRET,
    nonceUnit: "milliseconds",
    timeoutMs: 5_000,
    fetch: (url, init) => exchange.handle(new Request(url, init)),
    gate: new MemoryKeyGate(),
    nonces: new MemoryNonceStore(),
    clock: systemClock,
  });
}

describe("getNotionalBalances", () => {
  it("reshapes Gemini's notional values into exact strings", async () => {
    const values = await getNotionalBalances(clientFor(), { account: "primary", currency: "usd" });
    const btc = values.find((value) => value.currency === "BTC");
    expect(btc?.amount).toBe("42.1234567890123456789");
    // 42.1234567890123456789 * 97000, to cents as Gemini rounds notional values.
    expect(btc?.amountNotional).toBe(new Big("42.1234567890123456789").times(97000).round(2, Big.roundHalfUp).toFixed(2));
    expect(values.every((value) => /^\d+\.\d{2}$/.test(value.amountNotional))).toBe(true);
  });

  it("values in another fiat currency", async () => {
    const usd = await getNotionalBalances(clientFor(), { account: "treasury", currency: "usd" });
    const eur = await getNotionalBalances(clientFor(), { account: "treasury", currency: "eur" });
    expect(eur.find((value) => value.currency === "EUR")?.amountNotional).toBe("250000.12");
    expect(usd.find((value) => value.currency === "EUR")?.amountNotional).toBe("270000.13");
  });

  it("works without an account for an account-scoped key", async () => {
    const values = await getNotionalBalances(clientFor({ key: "account" }), { account: null, currency: "gbp" });
    expect(values.map((value) => value.currency)).toContain("BTC");
  });

  it.each(["../balances", "usd/../../v1/balances", "usd?x=1", "USD", ""])(
    "refuses %j, which is not a currency code, before any call (it would go into the URL path)",
    async (currency) => {
      let calls = 0;
      const client = { post: async () => void (calls += 1) };
      await expect(getNotionalBalances(client, { account: "primary", currency })).rejects.toThrow(TypeError);
      expect(calls).toBe(0);
    },
  );

  it("rejects a body that is not notional balances", async () => {
    const client = { post: async () => [{ currency: "BTC", amount: "1" }] };
    await expect(getNotionalBalances(client, { account: null, currency: "usd" })).rejects.toMatchObject({
      kind: "invalid_response",
    });
  });
});

describe("getRoles", () => {
  it("reads the roles of the key", async () => {
    expect(await getRoles(clientFor())).toEqual({ auditor: true, trader: false, fundManager: false });
    const roles = { isAuditor: false, isTrader: true, isFundManager: true };
    expect(await getRoles(clientFor({ roles }))).toEqual({ auditor: false, trader: true, fundManager: true });
  });

  it("rejects a body without the three roles", async () => {
    const error = await getRoles({ post: async () => ({ isAuditor: true }) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GeminiError);
  });
});
