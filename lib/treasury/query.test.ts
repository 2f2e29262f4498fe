import { describe, expect, it } from "vitest";
import { parseBalancesCsvQuery, parseOverviewQuery, parseValuationQuery } from "@/lib/treasury/query";

const params = (query: string) => new URLSearchParams(query);

describe("treasury queries", () => {
  it("default the valuation currency to usd", () => {
    expect(parseValuationQuery(params("account=primary"))).toEqual({ ok: true, value: { account: "primary", currency: "usd" } });
    expect(parseOverviewQuery(params("currency=eur&pending=true"))).toEqual({ ok: true, value: { currency: "eur", pending: true } });
    expect(parseBalancesCsvQuery(params("account=payroll"))).toEqual({
      ok: true,
      value: { account: "payroll", pending: false, currency: null },
    });
  });

  it.each([
    [parseValuationQuery, "currency=jpy", "currency must be one of usd, eur, gbp, sgd"],
    [parseValuationQuery, "currency=USD", "currency must be one of"],
    [parseValuationQuery, "currency=../balances", "currency must be one of"],
    [parseValuationQuery, "pending=true", "unknown parameter pending: only account and currency are accepted"],
    [parseOverviewQuery, "account=primary", "unknown parameter account: only currency and pending are accepted"],
    [parseOverviewQuery, "currency=usd&currency=eur", "currency may be given only once"],
    [parseBalancesCsvQuery, "pending=1", "pending must be 'true' or 'false'"],
    [parseBalancesCsvQuery, "account=a;b", "account must be"],
    [parseBalancesCsvQuery, "format=csv", "only account, pending and currency are accepted"],
  ])("%o rejects %s", (parse, query, message) => {
    const result = parse(params(query));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});
