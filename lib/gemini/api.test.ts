import Big from "big.js";
import { describe, expect, it } from "vitest";
import { createDemoExchange, DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET, DEMO_MASTER_KEY, DEMO_MASTER_SECRET } from "@/lib/demo-exchange";
import type { DemoExchange, Roles } from "@/lib/demo-exchange";
import { ACCOUNT_LIST_LIMIT, getNotionalBalances, getRoles, listAccounts } from "@/lib/gemini/api";
import { createGeminiClient } from "@/lib/gemini/client";
import { GeminiError } from "@/lib/gemini/errors";
import { MemoryKeyGate } from "@/lib/gemini/gate";
import { MemoryNonceStore, systemClock } from "@/lib/gemini/nonce";

/** The real client against the in-process demo exchange: signing, nonces and decoding all run. */
function clientFor(options: { roles?: Roles; key?: "master" | "account"; exchange?: DemoExchange } = {}) {
  const exchange = options.exchange ?? createDemoExchange({ drift: false, roles: options.roles });
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

describe("listAccounts", () => {
  it("lists a group of 600 accounts through Gemini's pages of 500, each account once, in the group's order", async () => {
    const exchange = createDemoExchange({ drift: false, extraAccounts: 595 });
    const accounts = await listAccounts(clientFor({ exchange }));
    expect(accounts).toHaveLength(600);
    expect(new Set(accounts.map((account) => account.account)).size).toBe(600);
    expect(accounts.slice(0, 5).map((account) => account.account)).toEqual(["primary", "treasury", "payroll", "legacy-otc", "cold-storage"]);
    expect(accounts.slice(5).map((account) => account.account)).toEqual(Array.from({ length: 595 }, (_, index) => `desk-${String(index + 1).padStart(3, "0")}`));
    const calls = exchange.requests().filter((request) => request.path === "/v1/account/list");
    expect(calls).toHaveLength(2);
  });

  it("keeps the accounts a page boundary splits inside one millisecond (desk-496 shares desk-495's)", async () => {
    // The first page ends with desk-495; desk-496 was created in the same millisecond. Asking for
    // accounts created after that millisecond, as the plain reading of `timestamp` suggests, loses it.
    const exchange = createDemoExchange({ drift: false, extraAccounts: 595 });
    const accounts = await listAccounts(clientFor({ exchange }));
    expect(accounts[ACCOUNT_LIST_LIMIT - 1]?.account).toBe("desk-495");
    expect(accounts[ACCOUNT_LIST_LIMIT]?.account).toBe("desk-496");
  });

  it("asks once for a group that fits one page, without a timestamp", async () => {
    const exchange = createDemoExchange({ drift: false, extraAccounts: 495 });
    expect(await listAccounts(clientFor({ exchange }))).toHaveLength(500);
    // A full page of exactly 500 asks once more and gets nothing new: the list is complete.
    const calls = exchange.requests().filter((request) => request.path === "/v1/account/list");
    expect(calls.length).toBeLessThanOrEqual(2);
    const small = createDemoExchange({ drift: false });
    expect(await listAccounts(clientFor({ exchange: small }))).toHaveLength(5);
    expect(small.requests().filter((request) => request.path === "/v1/account/list")).toHaveLength(1);
  });

  const entry = (index: number, created: number | undefined) => ({
    account: `a-${index}`,
    name: `A ${index}`,
    type: "exchange",
    status: "open",
    // Digits, as the lossless parser hands Gemini's numbers over.
    ...(created === undefined ? {} : { created: String(created) }),
  });
  const fullPage = (created: (index: number) => number | undefined) => Array.from({ length: ACCOUNT_LIST_LIMIT }, (_, index) => entry(index, created(index)));

  it.each([
    ["a full page without created", () => fullPage(() => undefined)],
    ["a full page not oldest first", () => fullPage((index) => 2_000_000 - index)],
    ["the same full page again (no progress)", () => fullPage(() => 1_000)],
  ])("fails closed on %s rather than return part of the group", async (_, page) => {
    const params: unknown[] = [];
    const client = {
      post: async (_path: string, sent?: Record<string, unknown>) => {
        params.push(sent);
        return page();
      },
    };
    await expect(listAccounts(client)).rejects.toMatchObject({ kind: "invalid_response", message: expect.stringMatching(/paged past 500/) });
    expect(params.length).toBeLessThanOrEqual(2);
  });

  it("sends the next page's timestamp as the exact millisecond before the newest account of the last page", async () => {
    const sent: Record<string, unknown>[] = [];
    const client = {
      post: async (_path: string, params: Record<string, unknown> = {}) => {
        sent.push(params);
        return sent.length === 1 ? fullPage((index) => 1_700_000_000_000 + index) : [entry(ACCOUNT_LIST_LIMIT, 1_700_000_000_600)];
      },
    };
    expect(await listAccounts(client)).toHaveLength(ACCOUNT_LIST_LIMIT + 1);
    expect(sent[0]).toEqual({ limit_accounts: ACCOUNT_LIST_LIMIT });
    expect(String(sent[1]?.timestamp)).toBe(String(1_700_000_000_000 + ACCOUNT_LIST_LIMIT - 2));
  });
});
