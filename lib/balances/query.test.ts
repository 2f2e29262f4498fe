import { describe, expect, it } from "vitest";
import { parseQuery } from "@/lib/api/query";
import { balancesQuery } from "@/lib/balances/query";

const parse = (query: string) => parseQuery(new URLSearchParams(query), balancesQuery);

describe("balancesQuery", () => {
  it("reads account and pending", () => {
    expect(parse("account=treasury_2-a&pending=true")).toEqual({ ok: true, value: { connection: null, account: "treasury_2-a", pending: true } });
    expect(parse("")).toEqual({ ok: true, value: { connection: null, account: null, pending: false } });
  });

  it.each([
    ["pending=yes", "pending must be 'true' or 'false'"],
    ["account=a%20b", "account must be"],
    [`account=${"a".repeat(65)}`, "account must be"],
    ["account=a&account=b", "only once"],
    ["acount=a", "unknown parameter acount: only connection, account and pending are accepted"],
  ])("rejects %s", (query, message) => {
    const result = parse(query);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
