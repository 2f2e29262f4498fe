import { describe, expect, it } from "vitest";
import { parseQuery } from "@/lib/api/query";
import { auditCsvLine, auditCsvFilename, AUDIT_CSV_HEADER } from "./csv";
import { auditCsvQuery, auditQuery, auditSearch, DEFAULT_AUDIT_PAGE_ROWS, parseInstant } from "./query";

const parse = (search: string) => parseQuery(new URLSearchParams(search), auditQuery);

describe("audit filters", () => {
  it("reads a GET form's fields: empty is no filter, a time without a zone is UTC", () => {
    expect(parse("user=&event=&account=&from=&to=")).toEqual({
      ok: true,
      value: { user: undefined, event: undefined, account: undefined, from: undefined, to: undefined, before: undefined, limit: DEFAULT_AUDIT_PAGE_ROWS },
    });
    const parsed = parse("user=alice&event=balances_fetch&account=primary&from=2026-11-30T09:15&to=2026-12-01&before=42&limit=10");
    expect(parsed).toEqual({
      ok: true,
      value: {
        user: "alice",
        event: "balances_fetch",
        account: "primary",
        from: new Date("2026-11-30T09:15:00Z"),
        to: new Date("2026-12-01T00:00:00Z"),
        before: 42,
        limit: 10,
      },
    });
  });

  it("takes a zone when one is given, and cuts (never rounds) a fraction past milliseconds", () => {
    expect(parseInstant("2026-11-30T23:59:59+01:00")).toEqual(new Date("2026-11-30T22:59:59Z"));
    expect(parseInstant("2026-11-30T23:59:59.9999999Z")).toEqual(new Date("2026-11-30T23:59:59.999Z"));
  });

  it("refuses what is not a real time, a reversed range, a bad paging value and unknown parameters", () => {
    for (const bad of ["2026-02-31", "2026-11-30T25:00", "yesterday", "1764633600"]) expect(parseInstant(bad), bad).toBeNull();
    expect(parse("from=2026-02-31")).toMatchObject({ ok: false, message: expect.stringMatching(/from must be a date/) });
    expect(parse("from=2026-12-02&to=2026-12-01")).toMatchObject({ ok: false, message: "from must not be after to" });
    expect(parse("limit=0")).toMatchObject({ ok: false, message: expect.stringMatching(/limit/) });
    expect(parse("limit=501")).toMatchObject({ ok: false });
    expect(parse("before=-1")).toMatchObject({ ok: false });
    expect(parse("event=DROP TABLE")).toMatchObject({ ok: false });
    expect(parse("user=a&user=b")).toMatchObject({ ok: false, message: "user may be given only once" });
    expect(parse("password=x")).toMatchObject({ ok: false, message: expect.stringMatching(/unknown parameter password/) });
    expect(parseQuery(new URLSearchParams("before=5"), auditCsvQuery)).toMatchObject({ ok: false });
  });

  it("writes the filters back as a query string with ISO times", () => {
    expect(auditSearch({ user: "alice", from: new Date("2026-11-30T09:15:00Z") }, { before: "7" })).toBe("?user=alice&from=2026-11-30T09%3A15%3A00.000Z&before=7");
    expect(auditSearch({})).toBe("");
  });
});

describe("audit CSV", () => {
  it("writes one line per event with its hashes, made safe for spreadsheets", () => {
    const line = auditCsvLine({
      id: 7,
      occurredAt: "2026-11-30T09:15:00.000Z",
      event: "login_failed",
      user: "=cmd|' /C calc'!A0",
      outcome: "invalid_credentials",
      account: null,
      address: "203.0.113.9",
      details: { z: "1", a: 'say "hi"' },
      prevHash: "a".repeat(64),
      hash: "b".repeat(64),
    });
    expect(AUDIT_CSV_HEADER).toHaveLength(10);
    expect(line).toBe(
      `7,2026-11-30T09:15:00.000Z,login_failed,'=cmd|' /C calc'!A0,invalid_credentials,,203.0.113.9,"{""a"":""say \\""hi\\"""",""z"":""1""}",${"a".repeat(64)},${"b".repeat(64)}\r\n`,
    );
    expect(auditCsvFilename(new Date("2026-11-30T09:15:00.123Z"))).toBe("audit-trail-20261130T091500Z.csv");
  });
});
