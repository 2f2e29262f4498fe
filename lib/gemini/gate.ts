import "server-only";

/**
 * Runs calls for one API key one at a time. Gemini rejects a nonce that arrives after a larger one,
 * so the nonce is taken and the request sent inside the gate (as Gemini's own SDK does).
 */
export interface KeyGate {
  run<T>(keyId: string, task: () => Promise<T>): Promise<T>;
}

export class MemoryKeyGate implements KeyGate {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(keyId: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(keyId) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(keyId, tail);
    // Drop the entry once idle so a long-running server keeps no per-key garbage.
    void tail.then(() => {
      if (this.tails.get(keyId) === tail) this.tails.delete(keyId);
    });
    return result;
  }
}
