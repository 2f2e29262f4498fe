import { createHmac } from "node:crypto";
import Big from "big.js";
import { isLosslessNumber, parse } from "lossless-json";
import { describe, expect, it } from "vitest";
import {
  DEMO_ACCOUNT_KEY,
  DEMO_ACCOUNT_SECRET,
  DEMO_MASTER_KEY,
  DEMO_MASTER_SECRET,
  DemoConnectionRefused,
  FAULT_KINDS,
  createDemoExchange,
  type DemoExchange,
  type FaultKind,
} from "./index";

const BASE = "https://api.gemini.test";
const TWO_TO_53 = 2n ** 53n;

/** Independent of lib/gemini on purpose: the exchange must not share the client's mistakes. */
function signedRequest(path: string, payloadJson: string, key = DEMO_MASTER_KEY, secret = DEMO_MASTER_SECRET, init: RequestInit = {}): Request {
  const payload = Buffer.from(payloadJson).toString("base64");
  const signature = createHmac("sha384", secret).update(payload).digest("hex");
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { "X-GEMINI-APIKEY": key, "X-GEMINI-PAYLOAD": payload, "X-GEMINI-SIGNATURE": signature, "Content-Type": "text/plain" },
    body: "",
    ...init,
  });
}

function makeCaller(exchange: DemoExchange, start = 1_700_000_000_000n) {
  let nonce = start;
  return async (path: string, params: Record<string, unknown> = {}, key = DEMO_MASTER_KEY, secret = DEMO_MASTER_SECRET) => {
    nonce += 1n;
    const response = await exchange.handle(signedRequest(path, JSON.stringify({ request: path, nonce: nonce.toString(), ...params }), key, secret));
    return { status: response.status, text: await response.text(), headers: response.headers };
  };
}

function reasonOf(text: string): unknown {
  return (JSON.parse(text) as { reason?: unknown }).reason;
}

interface RawBalance {
  currency: string;
  amount: string;
  available: string;
  availableForWithdrawal: string;
  pendingDeposit?: string;
  pendingWithdrawal?: string;
  _timestamp: unknown;
}

describe("signed balances call", () => {
  it("answers exact strings with 19 decimals and a nanosecond integer above 2^53", async () => {
    const exchange = createDemoExchange({ drift: false });
    const { status, text } = await makeCaller(exchange)("/v1/balances", { account: "primary" });
    expect(status).toBe(200);
    expect(text).toContain('"currency":"BTC","amount":"42.1234567890123456789"');
    expect(text).toContain('"currency":"USD","amount":"12345678.91"');
    const stamp = /"_timestamp":(\d+)/.exec(text)?.[1];
    expect(stamp).toBeDefined();
    expect(BigInt(stamp ?? "0")).toBeGreaterThan(TWO_TO_53);
    const entries = parse(text) as RawBalance[];
    expect(entries.every((entry) => Object.keys(entry).includes("type"))).toBe(true);
    expect(new Set(entries.map((entry) => (isLosslessNumber(entry._timestamp) ? entry._timestamp.value : "")))).toHaveProperty("size", 1);
    expect(entries.some((entry) => entry.amount === "0.00" || entry.amount === "0.0")).toBe(true);
  });

  it("writes raw JSON numbers without losing digits when numberStyle is number", async () => {
    const exchange = createDemoExchange({ drift: false, numberStyle: "number" });
    const { text } = await makeCaller(exchange)("/v1/balances", { account: "primary" });
    expect(text).toContain('"amount":42.1234567890123456789');
  });

  it("serves an account key on its bound account without an account param", async () => {
    const exchange = createDemoExchange({ drift: false });
    const { status, text } = await makeCaller(exchange)("/v1/balances", {}, DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET);
    expect(status).toBe(200);
    expect(text).toContain("42.1234567890123456789");
  });

  it("includes pending fields only when showPendingBalances is true", async () => {
    const exchange = createDemoExchange({ drift: false });
    const call = makeCaller(exchange);
    const plain = JSON.parse((await call("/v1/balances", { account: "primary" })).text) as RawBalance[];
    const falseFlag = JSON.parse((await call("/v1/balances", { account: "primary", showPendingBalances: false })).text) as RawBalance[];
    const pending = JSON.parse((await call("/v1/balances", { account: "primary", showPendingBalances: true })).text) as RawBalance[];
    for (const entries of [plain, falseFlag]) {
      expect(entries.some((entry) => "pendingDeposit" in entry || "pendingWithdrawal" in entry)).toBe(false);
    }
    expect(pending.find((entry) => entry.currency === "USD")?.pendingDeposit).toBe("25000.00");
    expect(pending.find((entry) => entry.currency === "BTC")?.pendingWithdrawal).toBe("1.5");
    const stringFlag = await call("/v1/balances", { account: "primary", showPendingBalances: "true" });
    expect(stringFlag.status).toBe(400);
  });

  it("keeps _timestamp strictly increasing even when the clock stands still", async () => {
    const frozen = (): bigint => 1_710_547_200_000_000_000n;
    for (const timestampStyle of ["nanos", "iso"] as const) {
      const exchange = createDemoExchange({ now: frozen, timestampStyle });
      const call = makeCaller(exchange);
      const stamps: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const text = (await call("/v1/balances", { account: "treasury" })).text;
        const entries = parse(text) as RawBalance[];
        const stamp = entries[0]?._timestamp;
        stamps.push(isLosslessNumber(stamp) ? stamp.value : String(stamp));
      }
      if (timestampStyle === "nanos") {
        expect(stamps[0]).toBe("1710547200000000000");
        for (let i = 1; i < stamps.length; i += 1) expect(BigInt(stamps[i] ?? "0")).toBeGreaterThan(BigInt(stamps[i - 1] ?? "0"));
      } else {
        expect(stamps[0]).toBe("2024-03-16T00:00:00.000000Z");
        expect(stamps[1]).toBe("2024-03-16T00:00:00.000001Z");
        expect([...stamps].sort()).toEqual(stamps);
        expect(new Set(stamps).size).toBe(stamps.length);
      }
    }
  });

  it("drifts without breaking amount >= available >= availableForWithdrawal >= 0", async () => {
    const exchange = createDemoExchange({ seed: 42 });
    const call = makeCaller(exchange);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i += 1) {
      for (const account of ["primary", "treasury", "payroll"]) {
        const entries = JSON.parse((await call("/v1/balances", { account })).text) as RawBalance[];
        for (const entry of entries) {
          const [amount, available, withdrawable] = [entry.amount, entry.available, entry.availableForWithdrawal].map((text) => new Big(text));
          expect(amount?.gte(available ?? 0) && available?.gte(withdrawable ?? 0) && withdrawable?.gte(0)).toBe(true);
          if (entry.currency === "BTC" && account === "primary") seen.add(entry.amount);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(1);
    for (const amount of seen) expect(amount).toMatch(/\.\d*6789$/);
  });
});

describe("verification", () => {
  const path = "/v1/balances";
  const good = JSON.stringify({ request: path, nonce: "1", account: "primary" });
  const goodPayload = Buffer.from(good).toString("base64");
  const goodSignature = createHmac("sha384", DEMO_MASTER_SECRET).update(goodPayload).digest("hex");

  async function send(headers: Record<string, string>, init: RequestInit = {}, url = `${BASE}${path}`) {
    const response = await createDemoExchange().handle(new Request(url, { method: "POST", headers, body: "", ...init }));
    return { status: response.status, text: await response.text() };
  }

  it.each([
    ["MissingApikeyHeader", { "X-GEMINI-PAYLOAD": goodPayload, "X-GEMINI-SIGNATURE": goodSignature }],
    ["MissingPayloadHeader", { "X-GEMINI-APIKEY": DEMO_MASTER_KEY, "X-GEMINI-SIGNATURE": goodSignature }],
    ["MissingSignatureHeader", { "X-GEMINI-APIKEY": DEMO_MASTER_KEY, "X-GEMINI-PAYLOAD": goodPayload }],
    ["InvalidSignature", { "X-GEMINI-APIKEY": "account-unknown", "X-GEMINI-PAYLOAD": goodPayload, "X-GEMINI-SIGNATURE": goodSignature }],
    ["InvalidSignature", { "X-GEMINI-APIKEY": DEMO_MASTER_KEY, "X-GEMINI-PAYLOAD": goodPayload, "X-GEMINI-SIGNATURE": goodSignature.toUpperCase() }],
    ["InvalidSignature", { "X-GEMINI-APIKEY": DEMO_ACCOUNT_KEY, "X-GEMINI-PAYLOAD": goodPayload, "X-GEMINI-SIGNATURE": goodSignature }],
  ])("answers 400 %s", async (reason, headers) => {
    const { status, text } = await send(headers);
    expect(status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ result: "error", reason });
  });

  it("says an unknown key was not found", async () => {
    const { text } = await send({ "X-GEMINI-APIKEY": "account-nope", "X-GEMINI-PAYLOAD": goodPayload, "X-GEMINI-SIGNATURE": goodSignature });
    expect(JSON.parse(text)).toMatchObject({ message: expect.stringContaining("not found") });
  });

  it.each([
    ["InvalidJson", "not json at all"],
    ["InvalidJson", "[1,2,3]"],
    ["EndpointMismatch", JSON.stringify({ request: "/v1/balance", nonce: "1", account: "primary" })],
    ["EndpointMismatch", JSON.stringify({ nonce: "1", account: "primary" })],
    ["MissingNonce", JSON.stringify({ request: path, account: "primary" })],
    ["InvalidNonce", JSON.stringify({ request: path, nonce: "12abc", account: "primary" })],
    ["InvalidNonce", JSON.stringify({ request: path, nonce: -5, account: "primary" })],
  ])("answers 400 %s for payload %s", async (reason, payloadJson) => {
    const exchange = createDemoExchange();
    const response = await exchange.handle(signedRequest(path, payloadJson));
    expect(response.status).toBe(400);
    expect(reasonOf(await response.text())).toBe(reason);
  });

  it("rejects a payload header that is not base64 as InvalidJson", async () => {
    const bogus = "{not-base64}";
    const signature = createHmac("sha384", DEMO_MASTER_SECRET).update(bogus).digest("hex");
    const { status, text } = await send({ "X-GEMINI-APIKEY": DEMO_MASTER_KEY, "X-GEMINI-PAYLOAD": bogus, "X-GEMINI-SIGNATURE": signature });
    expect(status).toBe(400);
    expect(reasonOf(text)).toBe("InvalidJson");
  });

  it("answers an unknown path with an empty 404 and a GET with 405", async () => {
    const exchange = createDemoExchange();
    const unknown = await exchange.handle(signedRequest("/v1/balance", JSON.stringify({ request: "/v1/balance", nonce: "1" })));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe("");
    const get = await exchange.handle(new Request(`${BASE}${path}`, { method: "GET" }));
    expect(get.status).toBe(405);
    expect(reasonOf(await get.text())).toBe("MethodNotAllowed");
  });
});

describe("nonces", () => {
  const path = "/v1/balances";
  const send = async (exchange: DemoExchange, nonceJson: string, key = DEMO_MASTER_KEY, secret = DEMO_MASTER_SECRET) => {
    const response = await exchange.handle(signedRequest(path, `{"request":"${path}","nonce":${nonceJson},"account":"primary"}`, key, secret));
    const text = await response.text();
    return { status: response.status, reason: response.status === 200 ? null : reasonOf(text), text };
  };

  it("rejects a repeated or lower nonce and accepts a higher one", async () => {
    const exchange = createDemoExchange();
    expect((await send(exchange, '"1700000000000"')).status).toBe(200);
    const repeated = await send(exchange, '"1700000000000"');
    expect(repeated).toMatchObject({ status: 400, reason: "InvalidNonce" });
    expect(JSON.parse(repeated.text)).toMatchObject({ message: "Nonce '1700000000000' has not increased since your last call to the Gemini API." });
    expect(await send(exchange, "1699999999999")).toMatchObject({ status: 400, reason: "InvalidNonce" });
    expect((await send(exchange, "1700000000001")).status).toBe(200);
    expect(exchange.stats().rejectedNonces).toBe(2);
  });

  it("compares wide integer nonces exactly, never through a float", async () => {
    const exchange = createDemoExchange();
    // Both round to the same double; only exact comparison tells them apart.
    expect((await send(exchange, "18446744073709551616")).status).toBe(200);
    expect(await send(exchange, "18446744073709551615")).toMatchObject({ status: 400, reason: "InvalidNonce" });
    expect((await send(exchange, '"18446744073709551617"')).status).toBe(200);
    expect(exchange.requests().map((entry) => entry.nonce)).toEqual(["18446744073709551616", "18446744073709551615", "18446744073709551617"]);
  });

  it("does not let a rejected call consume its nonce, and keeps keys separate", async () => {
    const exchange = createDemoExchange();
    const badSignature = signedRequest(path, JSON.stringify({ request: path, nonce: "500", account: "primary" }), DEMO_MASTER_KEY, "wrong-secret");
    expect((await exchange.handle(badSignature)).status).toBe(400);
    expect((await send(exchange, '"10"')).status).toBe(200);
    expect((await send(exchange, '"5"', DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET)).status).toBe(200);
    expect((await send(exchange, '"5"', DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET)).status).toBe(400);
  });
});

describe("accounts and roles", () => {
  it("requires an account from the master key and a known name", async () => {
    const call = makeCaller(createDemoExchange());
    const missing = await call("/v1/balances");
    expect(missing.status).toBe(400);
    expect(reasonOf(missing.text)).toBe("MissingAccounts");
    const unknown = await call("/v1/notionalbalances/usd", { account: "nope" });
    expect(unknown.status).toBe(400);
    expect(reasonOf(unknown.text)).toBe("InvalidAccountName");
    const notionalMissing = await call("/v1/notionalbalances/usd");
    expect(reasonOf(notionalMissing.text)).toBe("MissingAccounts");
  });

  it("refuses account/list to an account key and a foreign account to it", async () => {
    const call = makeCaller(createDemoExchange());
    const list = await call("/v1/account/list", {}, DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET);
    expect(list.status).toBe(400);
    expect(reasonOf(list.text)).toBe("MasterKeyRequired");
    const foreign = await call("/v1/balances", { account: "treasury" }, DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET);
    expect(reasonOf(foreign.text)).toBe("InvalidAccountName");
  });

  it("lists the master group's accounts", async () => {
    const { status, text } = await makeCaller(createDemoExchange())("/v1/account/list");
    expect(status).toBe(200);
    const accounts = JSON.parse(text) as Array<Record<string, unknown>>;
    expect(accounts.map((account) => account.account)).toEqual(["primary", "treasury", "payroll", "legacy-otc", "cold-storage"]);
    expect(accounts.find((account) => account.account === "cold-storage")).toMatchObject({ type: "custody", counterparty_id: null });
    expect(accounts.find((account) => account.account === "legacy-otc")).toMatchObject({ status: "closed" });
    expect(accounts[0]).toMatchObject({ name: "Operating", type: "exchange", status: "open", created: expect.any(Number) });
  });

  it("grows the group by extra open exchange desks, each with balances of its own", async () => {
    const exchange = createDemoExchange({ extraAccounts: 200, drift: false });
    const call = makeCaller(exchange);
    const accounts = JSON.parse((await call("/v1/account/list")).text) as Array<Record<string, unknown>>;
    expect(accounts).toHaveLength(205);
    expect(accounts.at(-1)).toMatchObject({ account: "desk-200", type: "exchange", status: "open" });
    const desk = await call("/v1/balances", { account: "desk-200" });
    expect(desk.status).toBe(200);
    expect(reasonOf((await call("/v1/balances", { account: "desk-201" })).text)).toBe("InvalidAccountName");
    expect(() => createDemoExchange({ extraAccounts: 1996 })).toThrow(/extra accounts must be 0 to 1995/);
  });

  it("gives the desks varied balances, the same on every start", async () => {
    const reader = (exchange: DemoExchange) => {
      const call = makeCaller(exchange);
      return async (account: string) => (JSON.parse((await call("/v1/balances", { account })).text) as RawBalance[]).map(({ _timestamp: _, ...rest }) => rest);
    };
    const first = reader(createDemoExchange({ extraAccounts: 40, drift: false }));
    const again = reader(createDemoExchange({ extraAccounts: 40, drift: false }));
    const desks: Awaited<ReturnType<typeof first>>[] = [];
    for (let index = 1; index <= 40; index += 1) desks.push(await first(`desk-${String(index).padStart(3, "0")}`));
    expect(await again("desk-007")).toEqual(desks[6]);
    expect(new Set(desks.map((balances) => JSON.stringify(balances))).size).toBe(40);
    expect(new Set(desks.map((balances) => balances.length)).size).toBeGreaterThan(1);
    for (const balance of desks.flat()) {
      expect(Number(balance.amount) >= Number(balance.available) && Number(balance.available) >= Number(balance.availableForWithdrawal)).toBe(true);
    }
  });

  it("pages its account list like Gemini: oldest first, at most limit_accounts, created after timestamp", async () => {
    const call = makeCaller(createDemoExchange({ extraAccounts: 595, drift: false }));
    type Listed = { account: string; created: number };
    const first = JSON.parse((await call("/v1/account/list")).text) as Listed[];
    expect(first).toHaveLength(500);
    expect(first.map((entry) => entry.created)).toEqual([...first.map((entry) => entry.created)].sort((a, b) => a - b));
    const last = first.at(-1)!;
    const next = JSON.parse((await call("/v1/account/list", { limit_accounts: 500, timestamp: last.created })).text) as Listed[];
    expect(next.every((entry) => entry.created > last.created)).toBe(true);
    const fromBefore = JSON.parse((await call("/v1/account/list", { timestamp: last.created - 1 })).text) as Listed[];
    expect(fromBefore[0]?.created).toBe(last.created);
    expect(JSON.parse((await call("/v1/account/list", { limit_accounts: 3 })).text)).toHaveLength(3);
    expect(reasonOf((await call("/v1/account/list", { limit_accounts: 501 })).text)).toBe("InvalidJson");
    expect(reasonOf((await call("/v1/account/list", { timestamp: "soon" })).text)).toBe("InvalidJson");
  });

  it("answers 403 MissingRole when the key has none of the balance roles", async () => {
    const call = makeCaller(createDemoExchange({ roles: { isAuditor: false, isFundManager: false, isTrader: false } }));
    const denied = await call("/v1/balances", { account: "primary" });
    expect(denied.status).toBe(403);
    expect(reasonOf(denied.text)).toBe("MissingRole");
    const roles = await call("/v1/roles");
    expect(JSON.parse(roles.text)).toEqual({ isAuditor: false, isFundManager: false, isTrader: false, counterparty_id: expect.any(String), isAccountAdmin: false });
  });

  it("reports roles without master-only fields for an account key", async () => {
    const roles = await makeCaller(createDemoExchange())("/v1/roles", {}, DEMO_ACCOUNT_KEY, DEMO_ACCOUNT_SECRET);
    expect(JSON.parse(roles.text)).toEqual({ isAuditor: true, isFundManager: false, isTrader: false });
  });

  it("computes notional balances exactly, to cents", async () => {
    const call = makeCaller(createDemoExchange({ drift: false }));
    const usd = JSON.parse((await call("/v1/notionalbalances/usd", { account: "treasury" })).text) as Array<Record<string, string>>;
    expect(usd.find((entry) => entry.currency === "BTC")).toEqual({
      currency: "BTC",
      amount: "250.0",
      amountNotional: "24250000.00",
      available: "250.0",
      availableNotional: "24250000.00",
      availableForWithdrawal: "249.99999999",
      // 249.99999999 * 97000 = 24249999.99903, rounded half-up to cents.
      availableForWithdrawalNotional: "24250000.00",
    });
    // 1200.1234567890123456789 ETH * 3400 = 4080419.75308264197530826 USD
    expect(usd.find((entry) => entry.currency === "ETH")?.amountNotional).toBe("4080419.75");
    const eur = JSON.parse((await call("/v1/notionalbalances/eur", { account: "treasury" })).text) as Array<Record<string, string>>;
    expect(eur.find((entry) => entry.currency === "EUR")?.amountNotional).toBe("250000.12");
    expect(eur.find((entry) => entry.currency === "USD")?.amountNotional).toBe("4629629.63");
    const unknownFiat = await call("/v1/notionalbalances/jpy", { account: "treasury" });
    expect(unknownFiat.status).toBe(404);
  });
});

describe("faults", () => {
  const expected: Record<Exclude<FaultKind, "hang" | "connection-refused">, { status: number; reason?: string; check?: (text: string, headers: Headers) => void }> = {
    "invalid-signature": { status: 400, reason: "InvalidSignature" },
    "invalid-nonce": { status: 400, reason: "InvalidNonce" },
    "missing-role": { status: 403, reason: "MissingRole" },
    "missing-accounts": { status: 400, reason: "MissingAccounts" },
    "invalid-account-name": { status: 400, reason: "InvalidAccountName" },
    "invalid-api-key": { status: 400, reason: "InvalidApiKey" },
    "ip-filtering": { status: 403, reason: "ApiKeyIpFilteringFailure" },
    "rate-limit": { status: 429, reason: "RateLimit", check: (_text, headers) => expect(headers.get("retry-after")).toBe("7") },
    "rate-limit-no-retry-after": {
      status: 429,
      check: (text, headers) => {
        expect(headers.get("retry-after")).toBeNull();
        expect(JSON.parse(text)).toEqual({ result: "error", reason: "RateLimit", message: "Too Many Requests" });
      },
    },
    "html-500": {
      status: 500,
      check: (text, headers) => {
        expect(headers.get("content-type")).toContain("text/html");
        expect(text).toContain("<html");
      },
    },
    "bad-gateway": { status: 502, check: (text) => expect(text).toContain("502") },
    maintenance: { status: 503, reason: "Maintenance" },
    "truncated-json": { status: 200, check: (text) => expect(() => JSON.parse(text)).toThrow() },
    "malformed-json": { status: 200, check: (text) => expect(() => JSON.parse(text)).toThrow() },
    "invalid-shape": {
      status: 200,
      check: (text) => {
        const entries = JSON.parse(text) as Array<Record<string, unknown>>;
        expect(entries.length).toBeGreaterThan(0);
        expect(entries.every((entry) => !("currency" in entry))).toBe(true);
      },
    },
    "not-found-empty": { status: 404, check: (text) => expect(text).toBe("") },
  };

  it("covers every fault kind", () => {
    expect([...Object.keys(expected), "hang", "connection-refused"].sort()).toEqual([...FAULT_KINDS].sort());
  });

  it.each(Object.entries(expected))("answers %s as documented, then recovers", async (kind, expectation) => {
    const exchange = createDemoExchange();
    exchange.setFaults({ kind: kind as FaultKind, times: 1, retryAfter: 7 });
    const call = makeCaller(exchange);
    const faulty = await call("/v1/balances", { account: "primary" });
    expect(faulty.status).toBe(expectation.status);
    if (expectation.reason) expect(reasonOf(faulty.text)).toBe(expectation.reason);
    expectation.check?.(faulty.text, faulty.headers);
    expect((await call("/v1/balances", { account: "primary" })).status).toBe(200);
    expect(exchange.requests()[0]).toMatchObject({ outcome: "fault", fault: kind, status: expectation.status });
  });

  it("throws a fetch-like TypeError for connection-refused", async () => {
    const exchange = createDemoExchange();
    exchange.setFaults({ kind: "connection-refused" });
    const call = makeCaller(exchange);
    await expect(call("/v1/balances", { account: "primary" })).rejects.toBeInstanceOf(TypeError);
    await expect(call("/v1/roles")).rejects.toBeInstanceOf(DemoConnectionRefused);
    exchange.clearFaults();
    expect((await call("/v1/roles")).status).toBe(200);
  });

  it("hangs until the caller aborts", async () => {
    const exchange = createDemoExchange();
    exchange.setFaults({ kind: "hang", path: "/v1/balances" });
    const payload = JSON.stringify({ request: "/v1/balances", nonce: "1", account: "primary" });
    const pending = exchange.handle(signedRequest("/v1/balances", payload, DEMO_MASTER_KEY, DEMO_MASTER_SECRET, { signal: AbortSignal.timeout(100) }));
    await expect(pending).rejects.toMatchObject({ name: "TimeoutError" });
    // Scoped to /v1/balances: other paths still answer.
    expect((await makeCaller(exchange)("/v1/roles")).status).toBe(200);
    expect(exchange.stats().inFlight).toBe(0);
  });

  it("lets close() release a hung call", async () => {
    const exchange = createDemoExchange();
    exchange.setFaults({ kind: "hang" });
    const pending = makeCaller(exchange)("/v1/roles");
    setTimeout(() => exchange.close(), 20);
    await expect(pending).rejects.toBeInstanceOf(TypeError);
  });

  it("runs a sequence of faults in order and validates input", async () => {
    const exchange = createDemoExchange();
    exchange.setFaults([{ kind: "rate-limit", times: 2 }, { kind: "maintenance", times: 1 }]);
    const call = makeCaller(exchange);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await call("/v1/roles")).status);
    expect(statuses).toEqual([429, 429, 503, 200]);
    expect(() => exchange.setFaults({ kind: "nope" as FaultKind })).toThrow(/Invalid fault/);
    expect(() => exchange.setFaults({ kind: "hang", times: 0 })).toThrow(/Invalid fault/);
  });

  it("adds latency before answering", async () => {
    const exchange = createDemoExchange({ latencyMs: 60 });
    const started = performance.now();
    await makeCaller(exchange)("/v1/roles");
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });
});

describe("request log", () => {
  it("records what it saw but never the signature or raw payload", async () => {
    const exchange = createDemoExchange();
    await makeCaller(exchange)("/v1/balances", { account: "payroll", showPendingBalances: true });
    const [entry] = exchange.requests();
    expect(entry).toMatchObject({ path: "/v1/balances", account: "payroll", showPendingBalances: true, outcome: "ok", status: 200, apiKey: DEMO_MASTER_KEY });
    const text = JSON.stringify(exchange.requests());
    expect(text).not.toMatch(/signature|secret|payload/i);
    expect(text).not.toContain(DEMO_MASTER_SECRET);
    exchange.clearRequests();
    expect(exchange.requests()).toEqual([]);
    expect(exchange.stats().total).toBe(0);
  });
});
