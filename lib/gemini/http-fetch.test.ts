import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DEMO_MASTER_KEY, DEMO_MASTER_SECRET, createDemoExchange, startDemoExchangeServer, type DemoExchangeServer } from "@/lib/demo-exchange";
import { getBalances } from "@/lib/gemini/api";
import { createGeminiClient } from "@/lib/gemini/client";
import { GeminiError } from "@/lib/gemini/errors";
import { MemoryKeyGate } from "@/lib/gemini/gate";
import { createHttpFetch, USER_AGENT } from "@/lib/gemini/http-fetch";
import { MemoryNonceStore, systemClock } from "@/lib/gemini/nonce";

const servers: Server[] = [];
let exchange: DemoExchangeServer | undefined;

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await exchange?.close();
  exchange = undefined;
});

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const server = createServer(handler);
  server.on("connection", () => {
    connections += 1;
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

describe("createHttpFetch", () => {
  it("sends the method, headers and empty body, and returns status, headers and body as sent", async () => {
    let seen: { method?: string; key?: string; length?: string; agent?: string; body: string } = { body: "" };
    const { url } = await serve((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        seen = {
          method: request.method,
          key: request.headers["x-gemini-apikey"] as string,
          length: request.headers["content-length"],
          agent: request.headers["user-agent"],
          body,
        };
        response.writeHead(429, { "retry-after": "7", "set-cookie": ["a=1", "b=2"], "content-type": "application/json" });
        response.end('{"result":"error","reason":"RateLimited"}');
      });
    });
    const response = await createHttpFetch()(`${url}/v1/balances`, {
      method: "POST",
      headers: { "X-GEMINI-APIKEY": "k", "Content-Length": "0" },
      body: "",
      signal: AbortSignal.timeout(5_000),
    });
    expect(seen).toEqual({ method: "POST", key: "k", length: "0", agent: USER_AGENT, body: "" });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(await response.text()).toBe('{"result":"error","reason":"RateLimited"}');
  });

  it("reuses one keep-alive connection for calls that follow each other", async () => {
    const server = await serve((_request, response) => response.end("[]"));
    const fetchOver = createHttpFetch();
    for (let call = 0; call < 3; call += 1) {
      expect(await (await fetchOver(server.url, { method: "POST", body: "" })).text()).toBe("[]");
    }
    expect(server.connections()).toBe(1);
  });

  it("rejects with the signal's TimeoutError when the server does not answer in time", async () => {
    const { url } = await serve(() => undefined);
    await expect(createHttpFetch()(url, { method: "POST", signal: AbortSignal.timeout(100) })).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("rejects with the TimeoutError when the body stalls after the headers", async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(200, { "content-length": "100" });
      response.write('[{"currency":"BTC"');
    });
    await expect(createHttpFetch()(url, { method: "POST", signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: "TimeoutError" });
  });

  it("rejects when nothing listens", async () => {
    const { url } = await serve(() => undefined);
    const server = servers.pop()!;
    await new Promise((resolve) => server.close(resolve));
    await expect(createHttpFetch()(url, { method: "POST" })).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("rejects a body cut off before its announced length", async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(200, { "content-length": "100" });
      response.write('[{"currency":"BTC"');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    await expect(createHttpFetch()(url, { method: "POST" })).rejects.toBeInstanceOf(Error);
  });

  it("carries the signed client's calls to the demo exchange over HTTP: balances come back exact", async () => {
    exchange = await startDemoExchangeServer(createDemoExchange({ drift: false }), 0, "127.0.0.1");
    const client = createGeminiClient({
      baseUrl: exchange.url,
      apiKey: DEMO_MASTER_KEY,
      apiSecret: DEMO_MASTER_SECRET,
      nonceUnit: "milliseconds",
      timeoutMs: 5_000,
      fetch: createHttpFetch(),
      gate: new MemoryKeyGate(),
      nonces: new MemoryNonceStore(),
      clock: systemClock,
    });
    const snapshot = await getBalances(client, { account: "primary", pending: false });
    expect(snapshot.balances.find((balance) => balance.currency === "USD")?.amount).toBe("12345678.91");
    await expect(getBalances(client, { account: "nobody", pending: false })).rejects.toBeInstanceOf(GeminiError);
  });
});
