import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";

describe("clientAddress", () => {
  const headers = new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.2" });
  it("takes the first hop only behind a trusted proxy", () => {
    expect(clientAddress(headers, true)).toBe("203.0.113.7");
  });
  it("otherwise takes the hop nearest the server", () => {
    expect(clientAddress(headers, false)).toBe("10.0.0.2");
    expect(clientAddress(new Headers(), false)).toBe("unknown");
  });
});
