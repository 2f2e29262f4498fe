import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createDemoExchange, DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET, DEMO_MASTER_KEY, DEMO_MASTER_SECRET, type FaultSpec } from "@/lib/demo-exchange";
import { getPriceFeed, getStakingBalances, readStaking } from "@/lib/gemini/api";
import { createGeminiClient, type FetchLike } from "@/lib/gemini/client";
import { GeminiError } from "@/lib/gemini/errors";
import { MemoryKeyGate } from "@/lib/gemini/gate";
import { parseLossless } from "@/lib/gemini/lossless";
import { MemoryNonceStore, systemClock } from "@/lib/gemini/nonce";

const FIXTURES = path.join(__dirname, "..", "..", "test", "fixtures", "gemini-conformance");
const fixture = <T>(name: string): T => JSON.parse(readFileSync(path.join(FIXTURES, `${name}.json`), "utf8")) as T;

function clientWith(fetch: FetchLike, key: "master" | "account" = "master") {
  const master = key === "master";
  return createGeminiClient({
    baseUrl: "http://demo.invalid",
    apiKey: master ? DEMO_MASTER_KEY : DEMO_ACCOUNT_KEY,
    apiSecret: master ? DEMO_MASTER_SECRET : DEMO_ACCOUNT_SECRET,
    nonceUnit: "milliseconds",
    timeoutMs: 5_000,
    fetch,
    gate: new MemoryKeyGate(),
    nonces: new MemoryNonceStore(),
    clock: systemClock,
  });
}

function demoClient(options: { numberStyle?: "string" | "number"; faults?: FaultSpec[]; key?: "master" | "account" } = {}) {
  const exchange = createDemoExchange({ drift: false, numberStyle: options.numberStyle });
  if (options.faults) exchange.setFaults(options.faults);
  return { exchange, client: clientWith((url, init) => exchange.handle(new Request(url, init)), options.key) };
}

/** A caller answering one body, parsed losslessly as the client parses Gemini's. */
const answering = (text: string) => ({ post: async () => parseLossless(text) });

describe("getStakingBalances", () => {
  it("reshapes Gemini's documented row, provider breakdown included, digit for digit", async () => {
    // The shape of Gemini's "Get Staking Balances" example, with numbers as raw JSON numbers.
    const body = `[{"type":"Staking","currency":"matic","balance":10.0000000000000000001,"available":9007199254740993.5,
      "availableForWithdrawal":0,"balanceByProvider":{"62b21e17-2534-4b9f-afcf-b7edb609dd8d":{"balance":10.0000000000000000001}}}]`;
    expect(await getStakingBalances(answering(body), { account: "primary" })).toEqual([
      {
        currency: "MATIC",
        balance: "10.0000000000000000001",
        available: "9007199254740993.5",
        availableForWithdrawal: "0",
        providers: [{ provider: "62b21e17-2534-4b9f-afcf-b7edb609dd8d", balance: "10.0000000000000000001" }],
      },
    ]);
  });

  it.each(["json/decimal-string-exact", "json/decimal-number-exact"])("keeps the conformance case %s exact in every staking amount", async (name) => {
    const { raw, expect: want } = fixture<{ raw: string; expect: { text: string } }>(name);
    const value = raw.slice(raw.indexOf(":") + 1, -1); // the fixture's value exactly as written on the wire
    const body = `[{"type":"Staking","currency":"ETH","balance":${value},"available":${value},"availableForWithdrawal":${value},"balanceByProvider":{"p":{"balance":${value}}}}]`;
    const [row] = await getStakingBalances(answering(body), { account: null });
    expect([row?.balance, row?.available, row?.availableForWithdrawal, row?.providers[0]?.balance]).toEqual(Array(4).fill(want.text));
  });

  it("signs the call with the account for a master key, and reads the demo's staked rows", async () => {
    const { exchange, client } = demoClient();
    const rows = await getStakingBalances(client, { account: "primary" });
    expect(rows.find((row) => row.currency === "ETH")).toEqual({
      currency: "ETH",
      balance: "40.250000000000000001",
      available: "40.250000000000000001",
      availableForWithdrawal: "8.25",
      providers: [
        { provider: "62b21e17-2534-4b9f-afcf-b7edb609dd8d", balance: "32.000000000000000001" },
        { provider: "9a3c4d1e-5f60-4b7a-8c9d-0e1f2a3b4c5d", balance: "8.25" },
      ],
    });
    expect(exchange.requests().map(({ path, account, outcome }) => ({ path, account, outcome }))).toEqual([
      { path: "/v1/balances/staking", account: "primary", outcome: "ok" },
    ]);
  });

  it("reads raw JSON numbers as exactly as strings", async () => {
    const strings = await getStakingBalances(demoClient().client, { account: "primary" });
    const numbers = await getStakingBalances(demoClient({ numberStyle: "number" }).client, { account: "primary" });
    expect(numbers).toEqual(strings);
  });

  it("rejects a body that is not staking balances", async () => {
    await expect(getStakingBalances(answering('[{"currency":"ETH","balance":"1"}]'), { account: null })).rejects.toMatchObject({ kind: "invalid_response" });
  });
});

describe("readStaking: no staking is a state, not a failure", () => {
  it("is staked with no rows for an account that stakes nothing", async () => {
    expect(await readStaking(demoClient().client, { account: "payroll" })).toEqual({ state: "staked", balances: [] });
  });

  it("is none (unavailable) when the exchange answers an error for the account", async () => {
    expect(await readStaking(demoClient().client, { account: "cold-storage" })).toEqual({ state: "none", reason: "unavailable" });
  });

  it.each([
    ["http/errors/missing-role-403-result-envelope", "not_permitted"],
    ["http/errors/missing-role-403-error-envelope", "not_permitted"],
    ["http/errors/not-found-404-empty-body", "not_permitted"],
    ["http/errors/server-error-500-unstructured", "unavailable"],
  ])("maps the conformance response %s to no staking (%s)", async (name, reason) => {
    const { response } = fixture<{ response: { status: number; headers: Record<string, string>; body: string } }>(name);
    const client = clientWith(async () => new Response(response.body, { status: response.status, headers: response.headers }));
    // A 500 is retried as a read until the deadline: a short one keeps the test quick.
    expect(await readStaking(client, { account: "primary" }, { deadline: Date.now() + 300 })).toEqual({ state: "none", reason });
  });

  it("is none for a fault on the staking path while balances still answer", async () => {
    const { client } = demoClient({ faults: [{ kind: "missing-role", path: "/v1/balances/staking" }] });
    expect(await readStaking(client, { account: "primary" })).toEqual({ state: "none", reason: "not_permitted" });
    await expect(client.post("/v1/balances", { account: "primary" })).resolves.toBeInstanceOf(Array);
  });

  it("throws what is not Gemini's answer", async () => {
    const failing = { post: async () => Promise.reject(new Error("redis down")) };
    await expect(readStaking(failing, { account: null })).rejects.toThrow("redis down");
  });
});

describe("getPriceFeed", () => {
  it("reads the public price feed unsigned, prices exact", async () => {
    const { exchange, client } = demoClient();
    const prices = await getPriceFeed(client);
    expect(prices).toContainEqual({ pair: "ETHUSD", price: "3400" });
    expect(prices).toContainEqual({ pair: "ETHEUR", price: "3148.14814815" });
    const [call] = exchange.requests();
    expect(call).toMatchObject({ method: "GET", path: "/v1/pricefeed", apiKey: null, nonce: null, outcome: "ok" });
  });

  it("maps a failure to a GeminiError", async () => {
    const { client } = demoClient({ faults: [{ kind: "maintenance", path: "/v1/pricefeed" }] });
    await expect(getPriceFeed(client)).rejects.toBeInstanceOf(GeminiError);
  });
});
