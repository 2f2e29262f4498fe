import "server-only";

import { randomInt } from "node:crypto";

export interface Random {
  /** Integer in [0, bound). */
  int(bound: number): number;
}

/** mulberry32: tiny, seedable, good enough for a demo random walk. */
export function createRandom(seed?: number): Random {
  let state = (seed ?? randomInt(0, 2 ** 31)) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { int: (bound) => Math.floor(next() * bound) };
}
