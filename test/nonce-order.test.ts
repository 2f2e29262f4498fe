/**
 * 100 concurrent balance reads for one key, through a real HTTP server that rejects any nonce not
 * above the last one it accepted, with random per-call delay so the wire would reorder them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoExchange, DEMO_MASTER_KEY, DEMO_MASTER_SECRET, startDemoExchangeServer } from "@/lib/demo-exchange";
import type { DemoExchange, DemoExchangeServer } from "@/lib/demo-exchange";
import { getBalances } from "@/lib/gemini/api";
import { createGeminiClient } from "@/lib/gemini/client";
import { MemoryKeyGate, type KeyGate } from "@/lib/gemini/gate";
import { MemoryNonceStore, systemClock } from "@/lib/gemini/nonce";

const CONCURRENT_CALLS = 100;
const ACCOUNTS = ["primary", "treasury", "payroll"];

let exchange: DemoExchange;
let server: DemoExchangeServer;

beforeAll(async () => {
  exchange = createDemoExchange({ latencyJitterMs: 3 });
  server = await startDemoExchangeServer(exchange, 0, "127.0.0.1");
});
afterAll(() => server.close());

function client(gate: KeyGate) {
  return createGeminiClient({
    baseUrl: server.url,
    apiKey: DEMO_MASTER_KEY,
    apiSecret: DEMO_MASTER_SECRET,
    nonceUnit: "milliseconds",
    timeoutMs: 30_000,
    fetch: (url, init) => fetch(url, init),
    gate,
    nonces: new MemoryNonceStore(),
    clock: systemClock,
  });
}

const concurrentReads = (gemini: ReturnType<typeof client>) =>
  Promise.allSettled(
    Array.from({ length: CONCURRENT_CALLS }, (_, i) =>
      getBalances(gemini, { account: ACCOUNTS[i % ACCOUNTS.length]!, pending: i % 2 === 0 }),
    ),
  );

describe("nonce order over HTTP", () => {
  it("100 concurrent calls for one key: every one accepted, none in flight together", async () => {
    exchange.reset();
    const results = await concurrentReads(client(new MemoryKeyGate()));
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    const stats = exchange.stats();
    expect(stats.rejectedNonces).toBe(0);
    expect(stats.byPath["/v1/balances"]).toBe(CONCURRENT_CALLS);
    expect(stats.maxInFlightByKey[DEMO_MASTER_KEY]).toBe(1);
  });

  it("control: without the per-key gate the same load is rejected, so the test above can fail", async () => {
    exchange.reset();
    const noGate: KeyGate = { run: (_keyId, _deadline, task) => task({ confirm: async () => undefined }) };
    await concurrentReads(client(noGate));
    expect(exchange.stats().rejectedNonces).toBeGreaterThan(0);
  });
});
