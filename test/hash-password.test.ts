import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { parsePasswordHash } from "@/lib/config/password-hash";

const run = (args: string[], input?: string) =>
  execFileSync("npm", ["run", "-s", "hash-password", ...(args.length ? ["--", ...args] : [])], { input, encoding: "utf8" });

describe("npm run -s hash-password", () => {
  it("prints exactly one line that DASHBOARD_USERS accepts and that verifies the password", async () => {
    const output = run(["pa$$ word, with: odd chars"]);
    expect(output.endsWith("\n")).toBe(true);
    expect(output.trim().split("\n")).toHaveLength(1);
    const hash = parsePasswordHash(output.trim());
    expect(hash?.params).toEqual({ N: 2 ** 15, r: 8, p: 3 });
    expect(await verifyPassword("pa$$ word, with: odd chars", hash!)).toBe(true);
    expect(output).not.toMatch(/[$,]/);
  });

  it("reads the password from stdin when none is given", async () => {
    const hash = parsePasswordHash(run([], "from stdin\n").trim());
    expect(await verifyPassword("from stdin", hash!)).toBe(true);
  });
});
