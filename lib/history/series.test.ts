import { describe, expect, it } from "vitest";
import { historyWindow, MS_PER_DAY } from "@/lib/history/ranges";
import { chartSeries, gapCount, historyCurrencies } from "@/lib/history/series";
import type { HistoryPointJson } from "@/lib/snapshots/types";

const NOW = Date.parse("2026-12-02T14:38:21Z");

function point(at: string, totalUsd: string | null, btc?: string): HistoryPointJson {
  return {
    at,
    snapshotId: Date.parse(at) / 1000,
    takenAt: at.replace(":00:00", ":00:04"),
    partial: false,
    totalUsd,
    currencies: btc === undefined ? {} : { BTC: { amount: btc, valueUsd: null } },
    staked: {},
    stakedUsd: null,
    stakingRecorded: false,
  };
}

describe("historyWindow", () => {
  it("asks for hours over a week and days beyond, ending at the next whole minute", () => {
    expect(historyWindow("7d", NOW)).toEqual({ from: "2026-11-25T14:39:00.000Z", to: "2026-12-02T14:39:00.000Z", step: "hour", fromFirstPoint: false });
    expect(historyWindow("30d", NOW).step).toBe("day");
    expect(historyWindow("1y", NOW).from).toBe(new Date(Date.parse("2026-12-02T14:39:00Z") - 365 * MS_PER_DAY).toISOString());
    expect(historyWindow("all", NOW)).toMatchObject({ step: "day", fromFirstPoint: true });
  });
});

describe("chartSeries", () => {
  const window = historyWindow("7d", Date.parse("2026-12-02T05:10:00Z"));
  const points = [point("2026-12-02T01:00:00Z", "100.5", "1.5"), point("2026-12-02T04:00:00Z", "90.25", "1.25")];
  const rows = chartSeries(points, window, "BTC");

  it("has one row per UTC hour of the window", () => {
    expect(rows).toHaveLength(7 * 24 + 1);
    expect(new Date(rows[0]!.at).toISOString()).toBe("2026-11-25T05:00:00.000Z");
    expect(new Date(rows.at(-1)!.at).toISOString()).toBe("2026-12-02T05:00:00.000Z");
  });

  it("leaves buckets without a snapshot null: a gap, never interpolated", () => {
    const byHour = (iso: string) => rows.find((row) => row.at === Date.parse(iso))!;
    expect(byHour("2026-12-02T01:00:00Z")).toMatchObject({ totalUsd: "100.5", amount: "1.5", totalY: 100.5, amountY: 1.5 });
    for (const hour of ["02", "03"]) expect(byHour(`2026-12-02T${hour}:00:00Z`)).toMatchObject({ snapshotIds: [], missing: [], totalY: null, amountY: null });
    expect(byHour("2026-12-02T04:00:00Z").totalUsd).toBe("90.25");
    expect(gapCount(rows)).toBe(rows.length - 2);
  });

  it("keeps the exact text beside the plotted number", () => {
    const exact = chartSeries([point("2026-12-02T01:00:00Z", "12345678901234567.8912345")], window, null);
    const filled = exact.find((row) => row.snapshotIds.length > 0)!;
    expect(filled.totalUsd).toBe("12345678901234567.8912345");
    expect(filled.amount).toBeNull();
  });

  it("carries the staked part and the chosen currency's staked amount apart; an older snapshot's are not recorded", () => {
    const staked = {
      ...point("2026-12-02T04:00:00Z", "136950.0000000000000034", "1"),
      staked: { BTC: { amount: "0.000000000000000001", valueUsd: "0.0000000000000001" }, ETH: { amount: "40.250000000000000001", valueUsd: "136850.0000000000000034" } },
      stakedUsd: "136850.0000000000000035",
      stakingRecorded: true,
    };
    const series = chartSeries([point("2026-12-02T01:00:00Z", "100.5", "1.5"), staked], window, "BTC");
    expect(series.find((row) => row.at === Date.parse("2026-12-02T04:00:00Z"))).toMatchObject({
      amount: "1",
      stakedAmount: "0.000000000000000001",
      stakedUsd: "136850.0000000000000035",
      stakingRecorded: true,
    });
    expect(series.find((row) => row.at === Date.parse("2026-12-02T01:00:00Z"))).toMatchObject({ stakedAmount: null, stakedUsd: null, stakingRecorded: false });
  });

  it("starts 'All' at the first snapshot's day", () => {
    const all = historyWindow("all", Date.parse("2026-12-02T05:10:00Z"));
    const daily = chartSeries([point("2026-11-28T00:00:00Z", "1"), point("2026-12-01T00:00:00Z", "2")], all, null);
    expect(daily.map((row) => row.totalUsd)).toEqual(["1", null, null, "2", null]);
  });

  it("takes every connection's summed points: their snapshots and the connections missing from a bucket", () => {
    const { snapshotId, ...rest } = point("2026-12-02T04:00:00Z", "300.75", "3");
    const summed = { ...rest, snapshotIds: [snapshotId, snapshotId + 1], missing: [] };
    const partial = { ...point("2026-12-02T01:00:00Z", "100.5"), snapshotIds: [7], missing: ["sg-entity"], partial: true };
    const series = chartSeries([partial, summed], window, "BTC");
    expect(series.find((row) => row.at === Date.parse("2026-12-02T04:00:00Z"))).toMatchObject({ snapshotIds: [snapshotId, snapshotId + 1], missing: [], totalUsd: "300.75", amount: "3" });
    expect(series.find((row) => row.at === Date.parse("2026-12-02T01:00:00Z"))).toMatchObject({ snapshotIds: [7], missing: ["sg-entity"], partial: true });
    expect(gapCount(series)).toBe(series.length - 2);
  });

  it("an empty history is all gap", () => {
    expect(gapCount(chartSeries([], window, null))).toBe(7 * 24 + 1);
  });
});

describe("historyCurrencies", () => {
  it("lists every currency of any point, A-Z", () => {
    const points = [point("2026-12-01T00:00:00Z", "1", "1"), { ...point("2026-12-02T00:00:00Z", "1"), currencies: { ETH: { amount: "1", valueUsd: "1" } } }];
    expect(historyCurrencies(points)).toEqual(["BTC", "ETH"]);
  });
});
