import { describe, expect, it } from "vitest";
import { GeminiError } from "@/lib/gemini/errors";

describe("GeminiError instanceof", () => {
  it("recognises an error made by another bundle's copy of the class", async () => {
    // A second, fresh copy of the module: what a separate Next bundle holds.
    const url = new URL("./errors.ts?copy", import.meta.url).href;
    const other = (await import(/* @vite-ignore */ url)) as typeof import("@/lib/gemini/errors");
    expect(other.GeminiError).not.toBe(GeminiError);
    const foreign = new other.GeminiError("timeout");
    expect(foreign instanceof GeminiError).toBe(true);
    expect(new Error("GeminiError") instanceof GeminiError).toBe(false);
    expect({ name: "GeminiError" } instanceof GeminiError).toBe(false);
  });
});
