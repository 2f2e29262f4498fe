import "server-only";
import { GeminiError } from "@/lib/gemini/errors";
import { systemClock, type Clock } from "@/lib/gemini/nonce";

/** What a holder of the gate can ask of it while it works. */
export interface GateLease {
  /** Resolves if the gate is still held (and extends it); rejects if it was lost: do not send then. */
  confirm(): Promise<void>;
}

/**
 * Runs calls for one API key one at a time. Gemini rejects a nonce that arrives after a larger one,
 * so the nonce is taken and the request sent inside the gate (as Gemini's own SDK does).
 */
export interface KeyGate {
  /** Runs `task` once the key's gate is free; rejects with a timeout if that is not before `deadline`. */
  run<T>(keyId: string, deadline: number, task: (lease: GateLease) => Promise<T>): Promise<T>;
}

const HELD_IN_PROCESS: GateLease = { confirm: async () => undefined };

export class MemoryKeyGate implements KeyGate {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly clock: Clock = systemClock) {}

  run<T>(keyId: string, deadline: number, task: (lease: GateLease) => Promise<T>): Promise<T> {
    let started = false;
    let abandoned = false;
    const previous = this.tails.get(keyId) ?? Promise.resolve();
    const turn = (): Promise<T> => {
      if (abandoned) return Promise.reject(new GeminiError("timeout"));
      started = true;
      return task(HELD_IN_PROCESS);
    };
    const result = previous.then(turn, turn);
    const tail = result.catch(() => undefined);
    this.tails.set(keyId, tail);
    // Drop the entry once idle so a long-running server keeps no per-key garbage.
    void tail.then(() => {
      if (this.tails.get(keyId) === tail) this.tails.delete(keyId);
    });

    // A caller still queued at its deadline gives up; its turn is then skipped, not run late.
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () => {
          if (started) return; // a running task bounds itself by the same deadline
          abandoned = true;
          reject(new GeminiError("timeout"));
        },
        Math.max(0, deadline - this.clock.nowMs()),
      );
      timer.unref?.();
      result.then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }
}
