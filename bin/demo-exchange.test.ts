import { spawn, type ChildProcess } from "node:child_process";
import { createHmac } from "node:crypto";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

// Public demo credentials, repeated here so the test checks the published values, not an import.
const MASTER_KEY = "master-demo-treasury";
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const STARTUP_TIMEOUT_MS = 15_000;

let child: ChildProcess;
let baseUrl: string;
let masterSecret: string;
let nonce = BigInt(Date.now()) * 1000n;

async function signedFetch(path: string, params: Record<string, unknown> = {}, init: RequestInit = {}): Promise<Response> {
  nonce += 1n;
  const payload = Buffer.from(JSON.stringify({ request: path, nonce: nonce.toString(), ...params })).toString("base64");
  const signature = createHmac("sha384", masterSecret).update(payload).digest("hex");
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "X-GEMINI-APIKEY": MASTER_KEY, "X-GEMINI-PAYLOAD": payload, "X-GEMINI-SIGNATURE": signature, "Content-Type": "text/plain" },
    body: "",
    ...init,
  });
}

async function control(method: string, name: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`${baseUrl}/__demo/${name}`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: response.status, json: await response.json() };
}

beforeAll(async () => {
  const { DEMO_MASTER_SECRET } = await import("@/lib/demo-exchange/credentials");
  masterSecret = DEMO_MASTER_SECRET;
  child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "bin/demo-exchange.ts", "--port", "0", "--no-drift"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  baseUrl = await new Promise<string>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`demo exchange did not start: ${output}`)), STARTUP_TIMEOUT_MS);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const url = /Demo exchange listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`demo exchange exited with ${String(code)}: ${output}`)));
  });
}, STARTUP_TIMEOUT_MS + 5_000);

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
});

beforeEach(async () => {
  await control("DELETE", "faults");
});

describe("standalone demo exchange over HTTP", () => {
  it("answers a signed balances call with exact numbers", async () => {
    const response = await signedFetch("/v1/balances", { account: "primary", showPendingBalances: true });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('"amount":"42.1234567890123456789"');
    expect(text).toContain('"pendingDeposit":"25000.00"');
    expect(BigInt(/"_timestamp":(\d+)/.exec(text)?.[1] ?? "0")).toBeGreaterThan(2n ** 53n);
  });

  it("rejects a replayed request", async () => {
    nonce += 1n;
    const payload = Buffer.from(JSON.stringify({ request: "/v1/roles", nonce: nonce.toString() })).toString("base64");
    const headers = { "X-GEMINI-APIKEY": MASTER_KEY, "X-GEMINI-PAYLOAD": payload, "X-GEMINI-SIGNATURE": createHmac("sha384", masterSecret).update(payload).digest("hex") };
    expect((await fetch(`${baseUrl}/v1/roles`, { method: "POST", headers })).status).toBe(200);
    const replay = await fetch(`${baseUrl}/v1/roles`, { method: "POST", headers });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ reason: "InvalidNonce" });
  });

  it("answers an unknown path with an empty 404", async () => {
    const response = await signedFetch("/v1/nothing");
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("");
  });

  it("records requests without secrets and counts them", async () => {
    await control("DELETE", "requests");
    await signedFetch("/v1/balances", { account: "treasury" });
    await signedFetch("/v1/balances");
    const { json } = await control("GET", "requests");
    const { requests } = json as { requests: Array<Record<string, unknown>> };
    expect(requests.map((entry) => [entry.path, entry.account, entry.outcome, entry.reason])).toEqual([
      ["/v1/balances", "treasury", "ok", null],
      ["/v1/balances", null, "rejected", "MissingAccounts"],
    ]);
    expect(typeof requests[0]?.nonce).toBe("string");
    expect(JSON.stringify(requests)).not.toMatch(/signature|payload/i);
    const stats = (await control("GET", "stats")).json as { total: number; byPath: Record<string, number>; rejectedNonces: number };
    expect(stats.total).toBe(2);
    expect(stats.byPath["/v1/balances"]).toBe(2);
  });

  it("injects faults through /__demo/faults and validates the input", async () => {
    expect((await control("POST", "faults", { kind: "rate-limit", times: 1, retryAfter: 3 })).status).toBe(200);
    const limited = await signedFetch("/v1/roles");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect(await limited.json()).toMatchObject({ result: "error", reason: "RateLimit" });
    expect((await signedFetch("/v1/roles")).status).toBe(200);

    const invalid = await control("POST", "faults", { kind: "explode" });
    expect(invalid.status).toBe(400);
    expect(invalid.json).toMatchObject({ error: expect.stringContaining("Invalid fault") });
    expect((await control("POST", "faults", { kind: "hang", extra: 1 })).status).toBe(400);
    expect((await fetch(`${baseUrl}/__demo/faults`, { method: "POST", body: "{" })).status).toBe(400);
  });

  it("drops the socket for connection-refused", async () => {
    await control("POST", "faults", { kind: "connection-refused", times: 1 });
    await expect(signedFetch("/v1/roles")).rejects.toBeInstanceOf(TypeError);
    expect((await signedFetch("/v1/roles")).status).toBe(200);
  });

  it("hangs until the client gives up, then serves again", async () => {
    await control("POST", "faults", { kind: "hang", times: 1 });
    await expect(signedFetch("/v1/roles", {}, { signal: AbortSignal.timeout(200) })).rejects.toMatchObject({ name: "TimeoutError" });
    expect((await signedFetch("/v1/roles")).status).toBe(200);
    await expect.poll(async () => ((await control("GET", "stats")).json as { inFlight: number }).inFlight).toBe(0);
  });

  it("serves HTML and empty bodies for infrastructure faults", async () => {
    await control("POST", "faults", [{ kind: "html-500", times: 1 }, { kind: "not-found-empty", times: 1 }]);
    const html = await signedFetch("/v1/roles");
    expect(html.status).toBe(500);
    expect(html.headers.get("content-type")).toContain("text/html");
    const empty = await signedFetch("/v1/roles");
    expect(empty.status).toBe(404);
    expect(await empty.text()).toBe("");
  });

  it("sets latency through /__demo/latency", async () => {
    expect((await control("POST", "latency", { ms: 120 })).json).toEqual({ ms: 120, jitterMs: 0 });
    const started = performance.now();
    await signedFetch("/v1/roles");
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    await control("POST", "latency", { ms: 0 });
    expect((await control("POST", "latency", { ms: -1 })).status).toBe(400);
  });

  it("exits cleanly on SIGTERM", async () => {
    child.kill("SIGTERM");
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
  });
});
