import { useSyncExternalStore } from "react";

const TICK_MS = 1_000;

// One timer for every clock on the page: the all-accounts table has one per row.
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(onTick: () => void): () => void {
  listeners.add(onTick);
  timer ??= setInterval(() => listeners.forEach((listener) => listener()), TICK_MS);
  return () => {
    listeners.delete(onTick);
    if (listeners.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

// Whole seconds, so React sees the same value until the next tick.
const currentSecond = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;
// The server and the hydrating browser agree on "not known yet".
const serverSnapshot = () => null;

/** The current time, updated every second; null while rendering on the server and hydrating. */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, currentSecond, serverSnapshot);
}
