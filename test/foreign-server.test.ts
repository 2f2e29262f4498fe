/**
 * Any server that speaks Gemini's protocol, not just our demo exchange: a minimal independent one
 * that checks the HMAC itself and answers with raw JSON numbers no float can hold.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBalances } from "@/lib/gemini/api";
import { createGeminiClient } from "@/lib/gemini/client";
import { MemoryKeyGate } from "@/lib/gemini/gate";
import { MemoryNonceStore, systemClock } from "@/lib/gemini/nonce";

const KEY = "account-foreign";
const SECRET = "foreign-secret-5d1c";
let timestampStyle: "nanos" | "iso" = "nanos";

const BODY = (timestamp: string) =>
  `[{"type":"exchange","currency":"BTC","amount":12345678.1234567890123456789,"available":0.0000000000000000001,` +
  `"availableForWithdrawal":1e-8,"_timestamp":${timestamp}},` +
  `{"type":"exchange","currency":"usd","amount":"9007199254740993.00","available":"0","availableForWithdrawal":"0",` +
  `"_timestamp":${timestamp}}]`;

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const payload = String(request.headers["x-gemini-payload"] ?? "");
    const signature = Buffer.from(String(request.headers["x-gemini-signature"] ?? ""), "hex");
    const expected = createHmac("sha384", SECRET).update(payload).digest();
    const signed = signature.length === expected.length && timingSafeEqual(signature, expected);
    if (request.headers["x-gemini-apikey"] !== KEY || !signed) {
      response.writeHead(400, { "content-type": "application/json" });
      response.end('{"result":"error","reason":"InvalidSignature","message":"bad"}');
      return;
    }
    response.writeHead(200, { "content-type": "application/json" });
    response.end(BODY(timestampStyle === "nanos" ? "1710547200000000001" : '"2024-03-16T00:00:00.000001Z"'));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = (apiSecret: string) =>
  createGeminiClient({
    baseUrl,
    apiKey: KEY,
    apiSecret,
    nonceUnit: "milliseconds",
    timeoutMs: 5_000,
    fetch: (url, init) => fetch(url, init),
    gate: new MemoryKeyGate(),
    nonces: new MemoryNonceStore(),
    clock: systemClock,
  });

describe("a foreign Gemini-speaking server", () => {
  it("yields the exact digits it sent, as strings", async () => {
    timestampStyle = "nanos";
    const reply = await getBalances(client(SECRET), { account: null, pending: false });
    expect(reply.timestamps).toEqual(["1710547200000000001", "1710547200000000001"]);
    expect(reply.balances).toEqual([
      {
        type: "exchange",
        currency: "BTC",
        amount: "12345678.1234567890123456789",
        available: "0.0000000000000000001",
        availableForWithdrawal: "0.00000001",
      },
      { type: "exchange", currency: "USD", amount: "9007199254740993.00", available: "0", availableForWithdrawal: "0" },
    ]);
  });

  it("keeps an ISO-8601 _timestamp verbatim", async () => {
    timestampStyle = "iso";
    const reply = await getBalances(client(SECRET), { account: null, pending: false });
    expect(reply.timestamps).toEqual(["2024-03-16T00:00:00.000001Z", "2024-03-16T00:00:00.000001Z"]);
  });

  it("surfaces its rejection of a wrong secret as Gemini's reason", async () => {
    await expect(getBalances(client("wrong"), { account: null, pending: false })).rejects.toMatchObject({
      kind: "invalid_signature",
      reason: "InvalidSignature",
      status: 400,
    });
  });
});
