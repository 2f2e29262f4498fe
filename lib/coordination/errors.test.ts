import { describe, expect, it } from "vitest";
import { CoordinationError } from "@/lib/coordination/errors";
import { GeminiError } from "@/lib/gemini/errors";

describe("CoordinationError instanceof", () => {
  it("recognises an error made by another bundle's copy of the class", async () => {
    // A second, fresh copy of the module: what a separate Next bundle holds.
    const url = new URL("./errors.ts?copy", import.meta.url).href;
    const other = (await import(/* @vite-ignore */ url)) as typeof import("@/lib/coordination/errors");
    expect(other.CoordinationError).not.toBe(CoordinationError);
    const foreign = new other.CoordinationError("nonce");
    expect(foreign instanceof CoordinationError).toBe(true);
    expect(new Error("CoordinationError") instanceof CoordinationError).toBe(false);
    expect({ name: "CoordinationError" } instanceof CoordinationError).toBe(false);
  });

  it("is never taken for a GeminiError, nor the other way round", () => {
    expect(new CoordinationError("gate") instanceof GeminiError).toBe(false);
    expect(new GeminiError("timeout") instanceof CoordinationError).toBe(false);
  });
});
