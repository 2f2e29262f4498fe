import { describe, expect, it } from "vitest";
import { decoyFor, verifyCredentials } from "@/lib/auth/credentials";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { formatPasswordHash, parsePasswordHash } from "@/lib/config/password-hash";

// Cheap parameters keep the suite fast; the format and code path are the production ones.
const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe("password hashes", () => {
  it("writes one self-describing line with salt and parameters, and verifies it", async () => {
    const line = await hashPassword("correct horse", FAST);
    expect(line).toMatch(/^scrypt:N=1024:r=8:p=1:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]{43}$/);
    const hash = parsePasswordHash(line)!;
    expect(await verifyPassword("correct horse", hash)).toBe(true);
    expect(await verifyPassword("correct horsE", hash)).toBe(false);
    expect(await verifyPassword("", hash)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same", FAST)).not.toBe(await hashPassword("same", FAST));
  });

  it("uses the production default of N=2^15, r=8, p=3", async () => {
    expect(await hashPassword("x")).toMatch(/^scrypt:N=32768:r=8:p=3:/);
  });

  it("round-trips through format and parse", async () => {
    const line = await hashPassword("pw", FAST);
    expect(formatPasswordHash(parsePasswordHash(line)!)).toBe(line);
  });

  it("refuses malformed or dangerous lines", async () => {
    const line = await hashPassword("pw", FAST);
    expect(parsePasswordHash("plaintext")).toBeNull();
    expect(parsePasswordHash(line.replace("N=1024", "N=1000"))).toBeNull(); // not a power of two
    expect(parsePasswordHash(line.replace("N=1024", `N=${2 ** 24}`))).toBeNull(); // would eat memory
    expect(parsePasswordHash(line.replace("scrypt:", "bcrypt:"))).toBeNull();
    expect(parsePasswordHash(line.replace(":r=8:", ":r=0:"))).toBeNull();
  });
});

describe("verifyCredentials", () => {
  it("answers an unknown user exactly like a wrong password, after hashing just the same", async () => {
    const users = new Map([["alice", parsePasswordHash(await hashPassword("alice-pw", FAST))!]]);
    expect(await verifyCredentials(users, "alice", "alice-pw")).toBe("alice");
    expect(await verifyCredentials(users, "alice", "wrong")).toBeNull();
    expect(await verifyCredentials(users, "mallory", "alice-pw")).toBeNull();
    expect(await verifyCredentials(users, "Alice", "alice-pw")).toBeNull();
  });

  it("makes unknown names cost what the strongest configured hash costs, whatever order the users come in", () => {
    const line = (params: string, bytes: number) => `scrypt:${params}:${"A".repeat(22)}:${"B".repeat(Math.ceil((bytes * 4) / 3))}`;
    const weak = parsePasswordHash(line("N=1024:r=8:p=1", 32))!;
    const strongest = parsePasswordHash(line("N=2048:r=8:p=2", 48))!;
    const wideButCheap = parsePasswordHash(line("N=4096:r=1:p=1", 32))!;
    const users = new Map([
      ["alice", weak],
      ["bob", strongest],
      ["carol", wideButCheap],
    ]);
    const decoy = decoyFor(users);
    expect(decoy.params).toEqual(strongest.params);
    expect(decoy.key.length).toBe(strongest.key.length);
    expect(decoy.key.equals(strongest.key)).toBe(false);
  });
});
