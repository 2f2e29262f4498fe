import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Modules that hold or handle secrets: a browser bundle importing one must fail the build. */
const SERVER_ONLY_DIRS = ["lib/auth", "lib/gemini", "lib/coordination", "lib/server", "lib/store"];
const SERVER_ONLY_FILES = ["lib/config.ts", "lib/http.ts", "lib/startup.ts"];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("secret hygiene", () => {
  const files = [...SERVER_ONLY_DIRS.flatMap(sources), ...SERVER_ONLY_FILES];
  it.each(files)('%s imports "server-only" first', (file) => {
    expect(readFileSync(file, "utf8")).toMatch(/^(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\n)*import "server-only";/);
  });
  it("covers the session and signing modules", () => {
    expect(files).toEqual(expect.arrayContaining(["lib/auth/session.ts", "lib/auth/password.ts", "lib/gemini/sign.ts"]));
  });
});
