/**
 * Fail closed: the real standalone server (built by scripts/test-all.sh with SESSION_SECRET,
 * DASHBOARD_USERS and GEMINI_* unset: the build needs no secret) refuses to start with live
 * Gemini credentials unless sign-in is configured, and says which variable is missing.
 */
import { expect, test } from "@playwright/test";
import { launchApp, waitForUrl } from "../testkit/processes";
import { liveEnv, signInEnv } from "../testkit/sign-in";

/** Port 1 (tcpmux): nothing listens, and the server must start without reaching it. */
const LIVE = liveEnv("http://127.0.0.1:1");

for (const [missing, env] of [
  ["SESSION_SECRET", { ...LIVE, DASHBOARD_USERS: signInEnv.DASHBOARD_USERS }],
  ["DASHBOARD_USERS", { ...LIVE, SESSION_SECRET: signInEnv.SESSION_SECRET }],
] as const) {
  test(`live credentials without ${missing}: the server exits non-zero naming ${missing}`, async () => {
    const server = await launchApp({ env });
    const code = await server.exited;
    expect(code).not.toBe(0);
    expect(server.output()).toContain(`${missing} is missing`);
    expect(server.output()).toContain("The dashboard did not start");
    // The message names the variable; it never prints the credentials it was given.
    expect(server.output()).not.toContain(LIVE.GEMINI_API_SECRET);
    expect(await fetch(`${server.url}/api/health`).then(() => "answered", () => "refused")).toBe("refused");
  });
}

test("live credentials without either: both variables are named at once", async () => {
  const server = await launchApp({ env: LIVE });
  expect(await server.exited).not.toBe(0);
  expect(server.output()).toContain("SESSION_SECRET is missing");
  expect(server.output()).toContain("DASHBOARD_USERS is missing");
});

test("a session secret shorter than 32 characters stops the server too", async () => {
  const server = await launchApp({ env: { ...LIVE, ...signInEnv, SESSION_SECRET: "too-short" } });
  expect(await server.exited).not.toBe(0);
  expect(server.output()).toContain("SESSION_SECRET must be at least 32 characters");
  expect(server.output()).not.toContain("too-short");
});

test("with both set, the same live configuration starts (the demo exchange URL is only reached on demand)", async () => {
  const server = await launchApp({ env: { ...LIVE, ...signInEnv } });
  try {
    await waitForUrl(`${server.url}/api/health`, server);
    const health = await fetch(`${server.url}/api/health`);
    // roles: none learnt yet, and no call made; history in the embedded store (one process, no Redis).
    expect(await health.json()).toEqual({ ok: true, mode: "live", roles: null, history: { on: true, reason: null, engine: "pglite" } });
  } finally {
    await server.stop();
  }
});
