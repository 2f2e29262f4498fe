import { describe, expect, it } from "vitest";
import { compareTimestamps, latestTimestamp, timestampNanos } from "@/lib/balances/timestamp";

describe("timestamps", () => {
  it("orders nanosecond integers that a float cannot tell apart", () => {
    expect(compareTimestamps("1710547200000000001", "1710547200000000000")).toBe(1);
    expect(compareTimestamps("1710547200000000000", "1710547200000000001")).toBe(-1);
    expect(compareTimestamps("1710547200000000001", "1710547200000000001")).toBe(0);
  });

  it("orders ISO strings by their microseconds and across zones", () => {
    expect(compareTimestamps("2024-03-16T00:00:00.000002Z", "2024-03-16T00:00:00.000001Z")).toBe(1);
    expect(compareTimestamps("2024-03-16T01:00:00.5+01:00", "2024-03-16T00:00:00.499999Z")).toBe(1);
  });

  it("compares the two formats with each other exactly", () => {
    expect(timestampNanos("2024-03-16T00:00:00.000000001Z")).toBe(1710547200000000001n);
    expect(compareTimestamps("2024-03-16T00:00:00.000000001Z", "1710547200000000000")).toBe(1);
  });

  it("treats unknown as oldest and picks the latest", () => {
    expect(compareTimestamps(null, "1")).toBe(-1);
    expect(latestTimestamp(["3", "10", "2"])).toBe("10");
  });
});
