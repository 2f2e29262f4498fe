import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createDemoExchange, DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET, DEMO_MASTER_KEY, DEMO_MASTER_SECRET } from "./index";

const PATH = "/v1/balances";
let nonce = 0;

function signed(key: string, secret: string): Request {
  nonce += 1;
  const encoded = Buffer.from(JSON.stringify({ request: PATH, nonce: String(nonce), ...(key === DEMO_MASTER_KEY ? { account: "primary" } : {}) })).toString("base64");
  const signature = createHmac("sha384", secret).update(encoded).digest("hex");
  return new Request(`https://api.gemini.test${PATH}`, {
    method: "POST",
    headers: { "X-GEMINI-APIKEY": key, "X-GEMINI-PAYLOAD": encoded, "X-GEMINI-SIGNATURE": signature },
  });
}

describe("a strict per-key budget (--calls-per-second)", () => {
  it("refuses the call beyond the budget at once with 429 RateLimit, per key, and admits again as time passes", async () => {
    let nowMs = 1_000_000n;
    const exchange = createDemoExchange({ callsPerSecond: 5, now: () => nowMs * 1_000_000n });
    const master = () => exchange.handle(signed(DEMO_MASTER_KEY, DEMO_MASTER_SECRET));

    const burst = [];
    for (let call = 0; call < 6; call += 1) burst.push((await master()).status);
    expect(burst).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await master();
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(JSON.parse(await refused.text())).toMatchObject({ result: "error", reason: "RateLimit" });

    // Another key has a budget of its own.
    expect((await exchange.handle(signed(DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET))).status).toBe(200);

    // One call's worth of time refills one token; a steady 5 a second is never refused.
    nowMs += 200n;
    expect((await master()).status).toBe(200);
    expect((await master()).status).toBe(429);
    const steady = [];
    for (let call = 0; call < 20; call += 1) {
      nowMs += 200n;
      steady.push((await master()).status);
    }
    expect(steady.every((status) => status === 200)).toBe(true);
    expect(exchange.stats().byOutcome.rejected).toBe(3);
  });

  it("limits nothing when unset", async () => {
    const exchange = createDemoExchange({ now: () => 1n });
    for (let call = 0; call < 12; call += 1) expect((await exchange.handle(signed(DEMO_MASTER_KEY, DEMO_MASTER_SECRET))).status).toBe(200);
  });
});
