import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api/errors";
import { parseQuery } from "@/lib/api/query";
import { historyQuery, historyRange, statementCsvQuery, statementQuery } from "./history-query";

const query = <S extends Parameters<typeof parseQuery>[1]>(schema: S, search: string) => parseQuery(new URLSearchParams(search), schema);
const NOW = new Date("2026-12-02T14:40:00.000Z");

describe("statement query", () => {
  it("reads an ISO-8601 time with a zone, to the millisecond", () => {
    for (const [at, expected] of [
      ["2026-11-30T23:59:59Z", "2026-11-30T23:59:59.000Z"],
      ["2026-11-30T23:59Z", "2026-11-30T23:59:00.000Z"],
      ["2026-12-01T05:29:59.999+05:30", "2026-11-30T23:59:59.999Z"],
      // A fraction beyond milliseconds is cut: the statement never moves past the time asked.
      ["2026-11-30T23:00:04.0009999Z", "2026-11-30T23:00:04.000Z"],
    ] as const) {
      const parsed = query(statementQuery, `at=${encodeURIComponent(at)}`);
      expect(parsed.ok && parsed.value.at.toISOString()).toBe(expected);
    }
  });

  it("refuses a missing, zone-less, impossible or malformed time", () => {
    for (const search of ["", "at=", "at=2026-11-30", "at=2026-11-30T23:59:59", "at=2026-02-30T00:00:00Z", "at=2026-11-30T24:00:00Z", "at=yesterday", "at=1764633600", "at=now"]) {
      const parsed = query(statementQuery, search);
      expect(parsed.ok, search).toBe(false);
      if (!parsed.ok) expect(parsed.message).toMatch(/^at (is required|must be an ISO-8601 date-time with a zone)/);
    }
  });

  it("reads account strictly, and the CSV takes only at", () => {
    expect(query(statementQuery, "at=2026-11-30T23:59:59Z&account=primary")).toMatchObject({ ok: true, value: { account: "primary" } });
    expect(query(statementQuery, "at=2026-11-30T23:59:59Z&account=a%20b").ok).toBe(false);
    expect(query(statementCsvQuery, "at=2026-11-30T23:59:59Z&account=primary").ok).toBe(false);
    expect(query(statementCsvQuery, "at=2026-11-30T23:59:59Z&at=2026-11-30T23:59:59Z").ok).toBe(false);
  });
});

describe("history range", () => {
  const range = (search: string) => {
    const parsed = query(historyQuery, search);
    if (!parsed.ok) throw new ApiError("bad_request", parsed.message);
    return historyRange(parsed.value, NOW);
  };

  it("defaults to the last 30 days by day", () => {
    expect(range("")).toEqual({ from: new Date("2026-11-02T14:40:00.000Z"), to: NOW, step: "day" });
    expect(range("to=2026-11-30T00:00:00Z")).toEqual({ from: new Date("2026-10-31T00:00:00.000Z"), to: new Date("2026-11-30T00:00:00Z"), step: "day" });
  });

  it("allows hours for up to 31 days, and refuses more", () => {
    expect(range("step=hour&from=2026-11-01T00:00:00Z&to=2026-12-02T00:00:00Z").step).toBe("hour");
    expect(() => range("step=hour&from=2026-11-01T00:00:00Z&to=2026-12-02T00:00:00.001Z")).toThrow(/at most 31 days/);
    expect(() => range("step=hour&from=2025-01-01T00:00:00Z")).toThrow(ApiError);
    expect(range("step=day&from=2016-01-01T00:00:00Z").from.toISOString()).toBe("2016-01-01T00:00:00.000Z");
  });

  it("refuses from after to, a bad step, account or currency", () => {
    expect(() => range("from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z")).toThrow(/is after to/);
    expect(() => range("from=2026-12-03T00:00:00Z")).toThrow(/is after to/);
    expect(() => range("step=week")).toThrow(/step must be/);
    expect(() => range("account=..%2Fetc")).toThrow(/account must be/);
    expect(() => range("currency=BTC%3D")).toThrow(/currency must be/);
    expect(() => range("from=2026-11-31")).toThrow(/from must be an ISO-8601 date or date-time/);
    expect(() => range("to=2026-11-30T10:00:00")).toThrow(/to must be an ISO-8601/);
    expect(range("from=2026-11-01&to=2026-11-30").from.toISOString()).toBe("2026-11-01T00:00:00.000Z");
  });

  it("refuses an unanswerable range while parsing the query, so the route wrapper answers 400 before the read", () => {
    expect(query(historyQuery, "from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z")).toMatchObject({ ok: false, message: expect.stringMatching(/is after to/) });
    expect(query(historyQuery, "step=hour&from=2026-10-01T00:00:00Z&to=2026-11-30T00:00:00Z")).toMatchObject({ ok: false, message: expect.stringMatching(/at most 31 days/) });
    expect(query(historyQuery, "step=hour&from=2026-11-01T00:00:00Z&to=2026-11-30T00:00:00Z").ok).toBe(true);
  });

  it("matches currencies upper-case", () => {
    const parsed = query(historyQuery, "currency=btc&account=primary");
    expect(parsed.ok && [parsed.value.currency, parsed.value.account]).toEqual(["BTC", "primary"]);
  });
});
