import "server-only";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { PAGE_PATH_HEADER } from "@/lib/next-path";
import { WARM_UP_HEADER, WARM_UP_PAGES, WARM_UP_ROUNDS } from "@/lib/warm-up-pages";

/**
 * A just-started server runs its code cold: V8 has compiled nothing yet, and the first renders of
 * the all-accounts view take about twice as long as later ones. So the server renders that view
 * for itself, over HTTP on its own address, before a person asks for it. These renders read the
 * store only: no audit row (nobody saw anything), no refresh (no call to Gemini), no session (the
 * secret header stands in for one). A person who comes first is not kept waiting: their page render
 * ends the warm-up.
 */
const HEALTH_POLL_MS = 100;
const HEALTH_WAIT_MS = 60_000;
const RENDER_TIMEOUT_MS = 30_000;

// On globalThis: instrumentation and the pages are separate bundles. The token is set only while the warm-up runs.
const holder = globalThis as typeof globalThis & { __warmUpToken?: string | null; __warmUpVisited?: boolean };

/** A page render for a person: the warm-up renders nothing more (its CPU is theirs). */
export function endWarmUpForVisitor(): void {
  holder.__warmUpVisited = true;
}

/**
 * Whether a page request is this server's own warm-up: it carries the secret made for it, while the
 * warm-up runs, for a warm-up page (the path as proxy.ts recorded it).
 */
export function isWarmUpRequest(headers: Headers): boolean {
  const token = holder.__warmUpToken;
  const given = headers.get(WARM_UP_HEADER);
  if (!token || given === null || given.length !== token.length) return false;
  if (!(WARM_UP_PAGES as readonly string[]).includes(headers.get(PAGE_PATH_HEADER) ?? "")) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

export interface WarmUpResult {
  renders: number;
  ms: number;
  /** A person's page render came first and ended it. */
  visitorFirst: boolean;
}

/**
 * Waits for the server at `origin` to answer, then renders each warm-up page WARM_UP_ROUNDS times
 * with a secret made for this run alone (32 random bytes, never logged), forgotten when it ends.
 */
export async function warmUp(origin: string): Promise<WarmUpResult> {
  const started = performance.now();
  holder.__warmUpToken = randomBytes(32).toString("hex");
  holder.__warmUpVisited = false;
  try {
    await untilHealthy(origin);
    let renders = 0;
    for (let round = 0; round < WARM_UP_ROUNDS; round += 1) {
      for (const page of WARM_UP_PAGES) {
        if (holder.__warmUpVisited) return { renders, ms: Math.round(performance.now() - started), visitorFirst: true };
        const response = await fetch(`${origin}${page}`, {
          headers: { [WARM_UP_HEADER]: holder.__warmUpToken },
          redirect: "manual",
          signal: AbortSignal.timeout(RENDER_TIMEOUT_MS),
        });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${page} answered ${response.status}`);
        renders += 1;
      }
    }
    return { renders, ms: Math.round(performance.now() - started), visitorFirst: false };
  } finally {
    holder.__warmUpToken = null;
  }
}

async function untilHealthy(origin: string): Promise<void> {
  for (let waited = 0; waited < HEALTH_WAIT_MS; waited += HEALTH_POLL_MS) {
    const ok = await fetch(`${origin}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
  }
  throw new Error(`${origin} did not answer within ${HEALTH_WAIT_MS / 1000} s`);
}

/**
 * Where this server listens: the configured port, on the address the standalone server binds
 * (HOSTNAME); a wildcard address is reached on loopback.
 */
export function ownOrigin(port: number, hostname: string | undefined): string {
  const host = hostname || "0.0.0.0";
  if (host === "0.0.0.0") return `http://127.0.0.1:${port}`;
  if (host === "::") return `http://[::1]:${port}`;
  return host.includes(":") ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}
