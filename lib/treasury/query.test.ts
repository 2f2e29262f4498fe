import { describe, expect, it } from "vitest";
import { parseQuery } from "@/lib/api/query";
import { balancesCsvQuery, overviewQuery, valuationQuery } from "@/lib/treasury/query";

const params = (query: string) => new URLSearchParams(query);

describe("treasury queries", () => {
  it("default the valuation currency to usd", () => {
    expect(parseQuery(params("account=primary"), valuationQuery)).toEqual({ ok: true, value: { connection: null, account: "primary", currency: "usd" } });
    expect(parseQuery(params("currency=eur&pending=true"), overviewQuery)).toEqual({ ok: true, value: { currency: "eur", pending: true } });
    expect(parseQuery(params("account=payroll"), balancesCsvQuery)).toEqual({
      ok: true,
      value: { connection: null, account: "payroll", pending: false, currency: null },
    });
  });

  it.each([
    ["valuation", valuationQuery, "currency=jpy", "currency must be one of usd, eur, gbp, sgd"],
    ["valuation", valuationQuery, "currency=USD", "currency must be one of"],
    ["valuation", valuationQuery, "currency=../balances", "currency must be one of"],
    ["valuation", valuationQuery, "pending=true", "unknown parameter pending: only connection, account and currency are accepted"],
    ["overview", overviewQuery, "account=primary", "unknown parameter account: only currency and pending are accepted"],
    ["overview", overviewQuery, "currency=usd&currency=eur", "currency may be given only once"],
    ["csv", balancesCsvQuery, "pending=1", "pending must be 'true' or 'false'"],
    ["csv", balancesCsvQuery, "account=a;b", "account must be"],
    ["csv", balancesCsvQuery, "format=csv", "only connection, account, pending and currency are accepted"],
  ] as const)("%s rejects %s", (_name, schema, query, message) => {
    const result = parseQuery(params(query), schema);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
