import { describe, expect, it } from "vitest";
import { BodyTooLargeError, readBodyLimited } from "@/lib/request-body";

const LIMIT = 1024;
const CHUNK = new Uint8Array(100).fill(0x61);

/** A body that never ends, as a chunked upload can be; counts what was pulled and whether it was cancelled. */
function endlessBody() {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += CHUNK.byteLength;
      controller.enqueue(CHUNK);
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request("http://dashboard.test/api/auth/login", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

describe("readBodyLimited", () => {
  it("returns a body within the limit whole", async () => {
    const text = "x".repeat(LIMIT);
    expect(new TextDecoder().decode(await readBodyLimited(post(text), LIMIT))).toBe(text);
    expect((await readBodyLimited(post(null), LIMIT)).byteLength).toBe(0);
  });

  it("stops an endless body just past the limit and cancels it", async () => {
    const { stream, state } = endlessBody();
    await expect(readBodyLimited(post(stream), LIMIT)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThan(LIMIT + 4 * CHUNK.byteLength);
  });

  it("refuses a declared Content-Length over the limit without reading", async () => {
    const { stream, state } = endlessBody();
    await expect(readBodyLimited(post(stream, { "content-length": String(LIMIT + 1) }), LIMIT)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(state.cancelled).toBe(true);
  });

  it("with a limit of 0, refuses any byte", async () => {
    await expect(readBodyLimited(post("x"), 0)).rejects.toBeInstanceOf(BodyTooLargeError);
    expect((await readBodyLimited(post(""), 0)).byteLength).toBe(0);
  });
});
