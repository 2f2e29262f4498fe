/**
 * Gemini's wire-contract fixtures (test/fixtures/gemini-conformance, copied byte-exact from
 * gemini/developer-platform) run through our real signing client, error mapping and decoder.
 * The manifest drives the cases; a listed case without a file, or a file not listed, fails.
 */
import { createHmac } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isLosslessNumber, type LosslessNumber } from "lossless-json";
import { describe, expect, it } from "vitest";
import { createGeminiClient, type FetchLike } from "@/lib/gemini/client";
import { GeminiError } from "@/lib/gemini/errors";
import { MemoryKeyGate } from "@/lib/gemini/gate";
import { exactDecimal, parseLossless, stringifyLossless } from "@/lib/gemini/lossless";
import { MemoryNonceStore } from "@/lib/gemini/nonce";
import { signWebSocketUpgrade } from "@/lib/gemini/sign";

const ROOT = path.join(__dirname, "fixtures", "gemini-conformance");
const SHARED_COPY = path.join(__dirname, "..", "..", "shared", "gemini-conformance");
/** The suites the dashboard implements; the others (public REST, WebSocket streams) were not copied. */
const SUITES_RUN = ["http/hmac-requests", "http/errors", "json"] as const;

interface Manifest {
  suites: { id: string; kind: string; cases: string[] }[];
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, "manifest.json"), "utf8")) as Manifest;
const readCase = (suite: string, name: string) => readFileSync(path.join(ROOT, suite, `${name}.json`), "utf8");

/** A fixture scalar as parsed losslessly: a string or the exact text of a number. */
type Scalar = string | LosslessNumber;
const text = (value: Scalar): string => (isLosslessNumber(value) ? value.value : value);

interface HmacCase {
  credentials: { apiKey: string; apiSecret: string };
  nonce: { mode: "monotonic" | "websocket"; value?: string };
  request?: { method: string; path: string; body: Record<string, unknown> };
  expect: {
    headers: string[];
    apiKeyHeader: string;
    payload: { request?: string; nonce?: string; fields?: Record<string, unknown> };
    signature: { algorithm: string; over: string; encoding: string };
  };
}

interface ErrorCase {
  response: { status: Scalar; headers: Record<string, string>; body: string };
  expect: { kind: string; reason?: string; retryAfterSeconds?: Scalar };
}

interface JsonCase {
  raw: string;
  field: string;
  expect: { valueKind: "integer" | "decimal"; text: string };
}

/** Fixture text parsed losslessly, so a wide integer in a request body stays exact. */
const loadCase = <T>(suite: string, name: string) => parseLossless(readCase(suite, name)) as T;

function suite(id: (typeof SUITES_RUN)[number]) {
  const found = manifest.suites.find((entry) => entry.id === id);
  if (!found) throw new Error(`manifest lost suite ${id}`);
  return found;
}

function clientFor(fetchImpl: FetchLike, credentials: { apiKey: string; apiSecret: string }, nonceMs: number) {
  return createGeminiClient({
    baseUrl: "https://api.gemini.com",
    ...credentials,
    nonceUnit: "milliseconds",
    timeoutMs: 5_000,
    fetch: fetchImpl,
    gate: new MemoryKeyGate(),
    nonces: new MemoryNonceStore(),
    clock: { nowMs: () => nonceMs, sleep: async () => undefined },
  });
}

const hmacHex = (secret: string, text: string) => createHmac("sha384", secret).update(text).digest("hex");

describe("conformance manifest", () => {
  it.each(SUITES_RUN)("%s lists exactly the files present", (id) => {
    const listed = [...suite(id).cases].sort();
    const present = readdirSync(path.join(ROOT, id))
      .filter((file) => file.endsWith(".json"))
      .map((file) => file.replace(/\.json$/, ""))
      .sort();
    expect(present).toEqual(listed);
    expect(listed.length).toBeGreaterThan(0);
  });

  it.runIf(existsSync(SHARED_COPY))("is byte-identical to the shared copy it was taken from", () => {
    for (const id of SUITES_RUN) {
      for (const name of suite(id).cases) {
        expect(readCase(id, name)).toBe(readFileSync(path.join(SHARED_COPY, id, `${name}.json`), "utf8"));
      }
    }
  });
});

describe("http/hmac-requests", () => {
  it.each(suite("http/hmac-requests").cases)("%s", async (name) => {
    const fixture = loadCase<HmacCase>("http/hmac-requests", name);
    const { credentials, expect: expected } = fixture;
    const { apiKey, apiSecret } = credentials;
    let headers: Record<string, string>;

    if (fixture.nonce.mode === "websocket") {
      const nonce = String(Math.floor(Date.now() / 1000));
      headers = signWebSocketUpgrade(apiKey, apiSecret, nonce);
      expect(headers["X-GEMINI-NONCE"]).toMatch(/^\d{10}$/);
      expect(Buffer.from(headers["X-GEMINI-PAYLOAD"]!, "base64").toString("utf8")).toBe(headers["X-GEMINI-NONCE"]);
    } else {
      const { request: wire, nonce: fixtureNonce } = fixture;
      if (!wire || !fixtureNonce.value) throw new Error(`${name}: a monotonic case needs a request and a nonce`);
      const captured: Request[] = [];
      const client = clientFor(
        async (url, init) => {
          captured.push(new Request(url, init));
          return new Response("{}", { status: 200 });
        },
        { apiKey, apiSecret },
        Number(fixtureNonce.value),
      );
      await client.post(wire.path, wire.body);
      expect(captured).toHaveLength(1);
      const request = captured[0]!;
      expect(request.method).toBe(wire.method);
      expect(new URL(request.url).pathname).toBe(wire.path);
      expect(await request.text()).toBe("");
      headers = Object.fromEntries([...request.headers].map(([k, v]) => [k.toUpperCase(), v]));

      const payload = parseLossless(Buffer.from(headers["X-GEMINI-PAYLOAD"]!, "base64").toString("utf8")) as Record<
        string,
        unknown
      >;
      const wanted = expected.payload;
      expect(payload.request).toBe(wanted.request);
      expect(text(payload.nonce as Scalar)).toBe(wanted.nonce);
      const fields = wanted.fields ?? {};
      expect(Object.keys(payload).sort()).toEqual(["request", "nonce", ...Object.keys(fields)].sort());
      for (const [field, value] of Object.entries(fields)) {
        expect(stringifyLossless(payload[field]), field).toBe(stringifyLossless(value));
      }
    }

    for (const header of expected.headers) {
      expect(headers[header.toUpperCase()], header).toBeTruthy();
    }
    expect(headers["X-GEMINI-APIKEY"]).toBe(expected.apiKeyHeader);
    expect(expected.signature).toEqual({ algorithm: "HMAC-SHA384", over: "payloadBase64", encoding: "hex-lower" });
    expect(headers["X-GEMINI-SIGNATURE"]).toMatch(/^[0-9a-f]{96}$/);
    expect(headers["X-GEMINI-SIGNATURE"]).toBe(hmacHex(apiSecret, headers["X-GEMINI-PAYLOAD"]!));
  });
});

describe("http/errors", () => {
  it.each(suite("http/errors").cases)("%s", async (name) => {
    const { response, expect: expected } = loadCase<ErrorCase>("http/errors", name);
    const status = Number(text(response.status));
    const client = clientFor(
      async () =>
        new Response(response.body || null, { status, headers: response.headers }),
      { apiKey: "conformance-api-key", apiSecret: "conformance-api-secret" },
      1_700_000_000_000,
    );
    const error = await client.post("/v1/balances").then(
      () => undefined,
      (rejection: unknown) => rejection,
    );
    expect(error).toBeInstanceOf(GeminiError);
    const geminiError = error as GeminiError;
    expect(geminiError.kind).toBe(expected.kind);
    expect(geminiError.status).toBe(status);
    if (expected.reason !== undefined) expect(geminiError.reason).toBe(expected.reason);
    if (expected.retryAfterSeconds !== undefined) {
      expect(geminiError.retryAfterSeconds).toBe(Number(text(expected.retryAfterSeconds)));
    }
  });
});

describe("json", () => {
  it.each(suite("json").cases)("%s", (name) => {
    const fixture = loadCase<JsonCase>("json", name);
    const decoded = (parseLossless(fixture.raw) as Record<string, unknown>)[fixture.field];
    const exact = exactDecimal.parse(decoded);
    expect(exact).toBe(fixture.expect.text);
    if (fixture.expect.valueKind === "integer") expect(exact).toMatch(/^-?\d+$/);
  });
});
