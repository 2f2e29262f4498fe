import { useSyncExternalStore } from "react";

const TICK_MS = 1_000;

function subscribe(onTick: () => void): () => void {
  const timer = setInterval(onTick, TICK_MS);
  return () => clearInterval(timer);
}

// Whole seconds, so React sees the same value until the next tick.
const currentSecond = () => Math.floor(Date.now() / TICK_MS) * TICK_MS;
// The server and the hydrating browser agree on "not known yet".
const serverSnapshot = () => null;

/** The current time, updated every second; null while rendering on the server and hydrating. */
export function useNow(): number | null {
  return useSyncExternalStore(subscribe, currentSecond, serverSnapshot);
}
