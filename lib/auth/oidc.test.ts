import { describe, expect, it } from "vitest";
import { failureOf } from "@/lib/auth/oidc";

/** openid-client's shape: a ClientError with oauth4webapi's error as its cause, whose cause names the claim. */
function wrapped(code: string, claim?: string): Error {
  const inner = Object.assign(new Error("inner"), { code, cause: { claim } });
  return Object.assign(new Error("outer", { cause: inner }), { code });
}

describe("failureOf", () => {
  it("names the ID token claim that failed", () => {
    expect(failureOf(wrapped("OAUTH_JWT_CLAIM_COMPARISON_FAILED", "nonce"))).toBe("nonce_mismatch");
    expect(failureOf(wrapped("OAUTH_JWT_CLAIM_COMPARISON_FAILED", "aud"))).toBe("wrong_audience");
    expect(failureOf(wrapped("OAUTH_JWT_CLAIM_COMPARISON_FAILED", "iss"))).toBe("issuer_mismatch");
    expect(failureOf(wrapped("OAUTH_JWT_TIMESTAMP_CHECK_FAILED", "exp"))).toBe("id_token_expired");
    expect(failureOf(wrapped("OAUTH_JWT_CLAIM_COMPARISON_FAILED", "c_hash"))).toBe("id_token_invalid");
  });

  it("tells an unreachable provider from a bad answer", () => {
    expect(failureOf(new TypeError("fetch failed"))).toBe("provider_unavailable");
    expect(failureOf(wrapped("OAUTH_INVALID_RESPONSE"))).toBe("id_token_invalid");
  });
});
