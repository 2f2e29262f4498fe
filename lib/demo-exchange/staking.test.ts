import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDemoExchange, DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET, DEMO_MASTER_KEY, DEMO_MASTER_SECRET } from "./index";

const BASE = "https://api.gemini.test";
const PATH = "/v1/balances/staking";

/** Signed by hand, independent of lib/gemini, as exchange.test.ts does. */
function signed(payload: Record<string, unknown>, key = DEMO_MASTER_KEY, secret = DEMO_MASTER_SECRET, path = PATH): Request {
  const encoded = Buffer.from(JSON.stringify({ request: path, ...payload })).toString("base64");
  const signature = createHmac("sha384", secret).update(encoded).digest("hex");
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { "X-GEMINI-APIKEY": key, "X-GEMINI-PAYLOAD": encoded, "X-GEMINI-SIGNATURE": signature },
    body: "",
  });
}

async function answer(response: Response) {
  return { status: response.status, body: JSON.parse(await response.text()) as unknown };
}

describe("staking balances, as Gemini serves them", () => {
  it("serves rows whose balance is the sum of its providers, and none for payroll", async () => {
    const exchange = createDemoExchange();
    const primary = await answer(await exchange.handle(signed({ nonce: "1", account: "primary" })));
    expect(primary.status).toBe(200);
    expect(primary.body).toContainEqual({
      type: "Staking",
      currency: "ETH",
      balance: "40.250000000000000001",
      available: "40.250000000000000001",
      availableForWithdrawal: "8.25",
      balanceByProvider: { "62b21e17-2534-4b9f-afcf-b7edb609dd8d": { balance: "32.000000000000000001" }, "9a3c4d1e-5f60-4b7a-8c9d-0e1f2a3b4c5d": { balance: "8.25" } },
    });
    expect(await answer(await exchange.handle(signed({ nonce: "2", account: "payroll" })))).toEqual({ status: 200, body: [] });
  });

  it("answers an error for an account staking does not apply to", async () => {
    const exchange = createDemoExchange();
    const custody = await answer(await exchange.handle(signed({ nonce: "1", account: "cold-storage" })));
    expect(custody).toMatchObject({ status: 400, body: { result: "error", reason: "StakingNotSupported" } });
  });

  it("checks signature, nonce and account like every private call", async () => {
    const exchange = createDemoExchange();
    expect((await answer(await exchange.handle(signed({ nonce: "5", account: "primary" })))).status).toBe(200);
    expect(await answer(await exchange.handle(signed({ nonce: "5", account: "primary" })))).toMatchObject({ status: 400, body: { reason: "InvalidNonce" } });
    expect(await answer(await exchange.handle(signed({ nonce: "6" })))).toMatchObject({ status: 400, body: { reason: "MissingAccounts" } });
    const forged = await exchange.handle(signed({ nonce: "7", account: "primary" }, DEMO_MASTER_KEY, "wrong-secret"));
    expect(forged.status).toBe(400);
    const bound = await answer(await exchange.handle(signed({ nonce: "8" }, DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET)));
    expect(bound.status).toBe(200);
  });

  it("answers a GET with 405", async () => {
    const exchange = createDemoExchange();
    expect((await exchange.handle(new Request(`${BASE}${PATH}`, { method: "GET" }))).status).toBe(405);
  });
});

describe("price feed", () => {
  it("is a public GET: no key, no nonce; a POST gets 405", async () => {
    const exchange = createDemoExchange();
    const feed = await answer(await exchange.handle(new Request(`${BASE}/v1/pricefeed`)));
    expect(feed.status).toBe(200);
    expect(feed.body).toContainEqual({ pair: "BTCUSD", price: "97000", percentChange24h: "0.0000" });
    expect(feed.body).toContainEqual({ pair: "SOLGBP", price: "141.73228346", percentChange24h: "0.0000" });
    expect((await exchange.handle(new Request(`${BASE}/v1/pricefeed`, { method: "POST" }))).status).toBe(405);
  });

  it("takes only the faults aimed at it, not those for every private call", async () => {
    const exchange = createDemoExchange();
    exchange.setFaults([{ kind: "maintenance" }]);
    expect((await exchange.handle(new Request(`${BASE}/v1/pricefeed`))).status).toBe(200);
    exchange.setFaults([{ kind: "maintenance", path: "/v1/pricefeed", times: 1 }]);
    expect((await exchange.handle(new Request(`${BASE}/v1/pricefeed`))).status).toBe(503);
    expect((await exchange.handle(new Request(`${BASE}/v1/pricefeed`))).status).toBe(200);
  });
});
