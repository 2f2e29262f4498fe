import { describe, expect, it } from "vitest";
import { asOfBanner, asOfSearch, changeSinceAt, comparableSnapshot, fromPickerValue, readAsOf, toPickerValue } from "@/lib/history/as-of";

describe("the as-of picker, read as UTC", () => {
  it("turns the input's value into an ISO time in UTC, whatever the machine's zone", () => {
    expect(fromPickerValue("2026-11-30T23:59")).toBe("2026-11-30T23:59:00Z");
    expect(fromPickerValue("2026-11-30T23:59:30")).toBe("2026-11-30T23:59:30Z");
  });

  it("refuses an incomplete or impossible value", () => {
    expect(fromPickerValue("")).toBeNull();
    expect(fromPickerValue("2026-11-30")).toBeNull();
    expect(fromPickerValue("2026-13-40T25:00")).toBeNull();
  });

  it("shows an address time in the input, in UTC", () => {
    expect(toPickerValue("2026-11-30T23:59:00Z")).toBe("2026-11-30T23:59");
    expect(toPickerValue("2026-12-01T01:30:00+02:00")).toBe("2026-11-30T23:30");
    expect(toPickerValue("yesterday")).toBe("");
    expect(toPickerValue(null)).toBe("");
  });
});

describe("the address", () => {
  it("reads `at` as written, and an empty one as live", () => {
    expect(readAsOf(new URLSearchParams("at=2026-11-30T23:59:00Z"))).toBe("2026-11-30T23:59:00Z");
    expect(readAsOf(new URLSearchParams("at="))).toBeNull();
    expect(readAsOf(new URLSearchParams("account=primary"))).toBeNull();
  });

  it("sets and removes `at`, keeping the other parameters", () => {
    expect(asOfSearch("?account=primary&pending=1", "2026-11-30T23:59:00Z")).toBe("?account=primary&pending=1&at=2026-11-30T23%3A59%3A00Z");
    expect(asOfSearch("?account=primary&at=2026-11-30T23%3A59%3A00Z", null)).toBe("?account=primary");
    expect(asOfSearch("?at=x", null)).toBe("");
  });
});

describe("the banner", () => {
  it("names the time asked for and the snapshot's time", () => {
    expect(asOfBanner("2026-11-30T23:59:00Z", "2026-11-30T23:00:04.512Z")).toBe("As of 2026-11-30 23:59 UTC, snapshot taken 23:00:04");
  });

  it("names the snapshot's date when it is from another day", () => {
    expect(asOfBanner("2026-11-30T00:30:00Z", "2026-11-29T23:00:04Z")).toBe(
      "As of 2026-11-30 00:30 UTC, snapshot taken 2026-11-29 23:00:04 UTC",
    );
  });
});

describe("change since 24 h", () => {
  it("asks for a day before now, floored to the minute so the question holds still", () => {
    const now = Date.parse("2026-12-02T14:38:21.456Z");
    expect(changeSinceAt(now)).toBe("2026-12-01T14:38:00.000Z");
    expect(changeSinceAt(now + 30_000)).toBe(changeSinceAt(now));
  });

  it("does not pass off a snapshot days older as the one 24 h earlier", () => {
    const at = "2026-12-01T14:38:00Z";
    expect(comparableSnapshot(at, "2026-12-01T14:00:04Z")).toBe(true);
    expect(comparableSnapshot(at, "2026-11-30T14:38:00Z")).toBe(true);
    expect(comparableSnapshot(at, "2026-11-30T14:37:59Z")).toBe(false);
  });
});

describe("/history's address", async () => {
  const { historySearch, readHistoryParams } = await import("@/lib/history/history-url");
  it("reads connection, range, account and currency, with the default range for anything else", () => {
    expect(readHistoryParams(new URLSearchParams("range=1y&account=primary&currency=btc"))).toEqual({ connection: null, range: "1y", account: "primary", currency: "BTC" });
    expect(readHistoryParams(new URLSearchParams("range=2y"))).toEqual({ connection: null, range: "30d", account: null, currency: null });
    expect(readHistoryParams(new URLSearchParams("connection=sg-entity&account=primary")).account).toBe("primary");
  });

  it("drops an account with every connection summed: account names belong to one connection", () => {
    expect(readHistoryParams(new URLSearchParams("connection=all&account=primary"))).toMatchObject({ connection: "all", account: null });
  });

  it("writes a change, dropping the default range and an empty account", () => {
    expect(historySearch("?account=primary", { range: "7d" })).toBe("?account=primary&range=7d");
    expect(historySearch("?account=primary&range=7d", { range: "30d", account: null })).toBe("");
  });
});
