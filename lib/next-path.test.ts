import { describe, expect, it } from "vitest";
import { safeNextPath } from "@/lib/next-path";
import { HOSTILE_NEXT_VALUES } from "@/testkit/hostile-next-values";


describe("safeNextPath", () => {
  it("keeps paths on this site, with their query and fragment", () => {
    expect(safeNextPath("/")).toBe("/");
    expect(safeNextPath("/?account=treasury")).toBe("/?account=treasury");
    expect(safeNextPath("/overview?account=treasury&pending=1#top")).toBe("/overview?account=treasury&pending=1#top");
    expect(safeNextPath("/a/../overview")).toBe("/overview");
  });

  it.each(HOSTILE_NEXT_VALUES.map((value) => [JSON.stringify(value), value]))("refuses %s", (_label, value) => {
    expect(safeNextPath(value)).toBe("/");
  });

  it("refuses a missing value", () => {
    expect(safeNextPath(null)).toBe("/");
    expect(safeNextPath(undefined)).toBe("/");
  });

  it("answers a path that stays on any origin it is resolved against", () => {
    for (const value of HOSTILE_NEXT_VALUES) {
      const target = safeNextPath(value);
      for (const origin of ["https://treasury.example", "http://127.0.0.1:3000"]) {
        expect(new URL(target, origin).origin).toBe(origin);
      }
    }
  });
});
