import { describe, expect, it } from "vitest";
import { GeminiError } from "@/lib/gemini/errors";
import { MemoryKeyGate } from "@/lib/gemini/gate";
import { MemoryRateBudget } from "@/lib/gemini/rate-budget";
import { fakeClock } from "@/testkit/fake-clock";

const FAR = () => Date.now() + 60_000;

describe("MemoryKeyGate", () => {
  it("runs one task per key at a time, in arrival order", async () => {
    const gate = new MemoryKeyGate();
    let inside = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        gate.run("key", FAR(), async () => {
          inside += 1;
          most = Math.max(most, inside);
          await new Promise((resolve) => setImmediate(resolve));
          order.push(index);
          inside -= 1;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });

  it("gives up on a caller still queued at its deadline and never runs its task late", async () => {
    const gate = new MemoryKeyGate();
    let release: () => void = () => undefined;
    const blocker = gate.run("key", FAR(), () => new Promise<void>((resolve) => (release = resolve)));
    let ran = false;
    const queued = gate.run("key", Date.now() + 20, async () => {
      ran = true;
    });
    await expect(queued).rejects.toMatchObject({ kind: "timeout" });
    release();
    await blocker;
    await gate.run("key", FAR(), async () => undefined); // everything queued before this has had its turn
    expect(ran).toBe(false);
  });

  it("a failing task does not block the next", async () => {
    const gate = new MemoryKeyGate();
    await expect(gate.run("key", FAR(), async () => Promise.reject(new GeminiError("service_error")))).rejects.toBeInstanceOf(GeminiError);
    await expect(gate.run("key", FAR(), async () => "next")).resolves.toBe("next");
  });
});

describe("MemoryRateBudget", () => {
  it("books one key's slots 1/rate apart and queues rather than refuses", async () => {
    const clock = fakeClock();
    const budget = new MemoryRateBudget(5, clock);
    expect(await Promise.all([1, 2, 3, 4].map(() => budget.reserve("key")))).toEqual([0, 200, 400, 600]);
    expect(await budget.reserve("other")).toBe(0);
    clock.advance(10_000);
    expect(await budget.reserve("key")).toBe(0);
  });
});
