import { describe, expect, it } from "vitest";
import { signRequest } from "@/lib/gemini/sign";

describe("signRequest", () => {
  it("matches a vector computed independently (Python hmac) from Gemini's documented algorithm", () => {
    const headers = signRequest({
      apiKey: "account-vector",
      apiSecret: "vector-secret-0123456789",
      path: "/v1/balances",
      nonce: "1710547200000",
      params: { account: "primary", showPendingBalances: true },
    });
    expect(headers["X-GEMINI-PAYLOAD"]).toBe(
      "eyJyZXF1ZXN0IjoiL3YxL2JhbGFuY2VzIiwibm9uY2UiOiIxNzEwNTQ3MjAwMDAwIiwiYWNjb3VudCI6InByaW1hcnkiLCJzaG93UGVuZGluZ0JhbGFuY2VzIjp0cnVlfQ==",
    );
    expect(headers["X-GEMINI-SIGNATURE"]).toBe(
      "30c32847b15f1699dd6e99ce3bbe6d96a6a0aadd117bfe76faf96ab8a2bc8532f7a7d3b1d39e8cfddc0349aaf2531c5b",
    );
  });

  it("sends the six documented headers with an empty body's content headers", () => {
    const headers = signRequest({ apiKey: "k", apiSecret: "s", path: "/v1/roles", nonce: "1" });
    expect(Object.keys(headers).sort()).toEqual(
      ["Cache-Control", "Content-Length", "Content-Type", "X-GEMINI-APIKEY", "X-GEMINI-PAYLOAD", "X-GEMINI-SIGNATURE"].sort(),
    );
    expect(headers["Content-Length"]).toBe("0");
    expect(headers["Content-Type"]).toBe("text/plain");
    expect(headers["Cache-Control"]).toBe("no-cache");
  });

  it("refuses params that would override request or nonce", () => {
    expect(() => signRequest({ apiKey: "k", apiSecret: "s", path: "/v1/balances", nonce: "1", params: { nonce: "9" } })).toThrow();
  });
});
