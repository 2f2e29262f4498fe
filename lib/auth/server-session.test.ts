/**
 * Reading a session back from the store with an injected clock, on PGlite and a real PostgreSQL
 * server: who it is for, and every way it stops being valid.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { credentialFingerprint, newSessionToken, SESSION_TOUCH_INTERVAL_MS, sessionPrincipalOf, sessionTokenDigest } from "@/lib/auth/server-session";
import type { AuthConfig } from "@/lib/config";
import { parsePasswordHash } from "@/lib/config/password-hash";
import { openStore, type SessionEndReason, type SessionIdentity, type Store } from "@/lib/store";
import { ENGINE_TIMEOUT_MS, ENGINES, useStoreEngines } from "@/testkit/store-engines";

const { freshLocation } = useStoreEngines();

const HASH = parsePasswordHash(`scrypt:N=1024:r=8:p=1:${"A".repeat(22)}:${"B".repeat(43)}`)!;
const OTHER_HASH = parsePasswordHash(`scrypt:N=1024:r=8:p=1:${"A".repeat(22)}:${"C".repeat(43)}`)!;
const auth: AuthConfig = {
  users: new Map([["alice", HASH]]),
  roles: new Map(),
  scopes: new Map(),
  sessionPassword: "a-session-secret-of-at-least-32-characters",
  sessionTtlSeconds: 8 * 3600,
  sessionIdleSeconds: 30 * 60,
  cookieSecure: null,
  oidc: null,
  localLogin: true,
  publicUrl: null,
};
const withOidc: AuthConfig = {
  ...auth,
  oidc: { issuer: "https://idp.example", clientId: "treasury", clientSecret: null, scopes: "openid", displayName: "Acme", roleClaim: "groups", roleMap: new Map(), accountMap: new Map() },
};
const T0 = Date.parse("2026-12-01T09:00:00.000Z");
const at = (ms: number) => new Date(T0 + ms);
const MINUTE = 60_000;

describe("session ids", () => {
  it("are random, and the store keeps a digest that is not the id", () => {
    const token = newSessionToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSessionToken()).not.toBe(token);
    expect(sessionTokenDigest(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(sessionTokenDigest(token)).not.toContain(token);
  });

  it("fingerprint a password hash so that a changed hash differs", () => {
    expect(credentialFingerprint(HASH)).toBe(credentialFingerprint(parsePasswordHash(`scrypt:N=1024:r=8:p=1:${"A".repeat(22)}:${"B".repeat(43)}`)!));
    expect(credentialFingerprint(OTHER_HASH)).not.toBe(credentialFingerprint(HASH));
  });
});

describe.each(ENGINES)("sessionPrincipalOf on %s", (engine) => {
  let store: Store;
  const ended: { user: string; reason: SessionEndReason }[] = [];

  beforeAll(async () => {
    store = await openStore(await freshLocation(engine));
  }, ENGINE_TIMEOUT_MS);

  afterAll(async () => {
    await store?.close();
  }, ENGINE_TIMEOUT_MS);

  async function begin(identity: SessionIdentity = { user: "alice", source: "local", credential: credentialFingerprint(HASH) }) {
    const token = newSessionToken();
    await store.sessions.create({ ...identity, tokenHash: sessionTokenDigest(token), createdAt: at(0), expiresAt: at(auth.sessionTtlSeconds * 1000), address: null, userAgent: null });
    return token;
  }
  const read = (token: string, now: Date, config: AuthConfig = auth) =>
    sessionPrincipalOf(token, { sessions: store.sessions, auth: config, now, ended: async (session, reason) => void ended.push({ user: session.user, reason }) });

  it("a local session's role and accounts come from today's configuration", async () => {
    const token = await begin();
    expect(await read(token, at(0))).toEqual({ user: "alice", role: "admin", accounts: null });
    const scoped: AuthConfig = { ...auth, roles: new Map([["alice", "viewer"]]), scopes: new Map([["alice", ["primary"]]]) };
    expect(await read(token, at(0), scoped)).toEqual({ user: "alice", role: "viewer", accounts: ["primary"] });
  });

  it("an OIDC session's role and accounts are those mapped at sign-in", async () => {
    // Not a local user's of the same name: the provider vouched for this one.
    const token = await begin({ user: "alice", source: "oidc", role: "auditor", accounts: ["payroll"], idToken: "id" });
    expect(await read(token, at(0), withOidc)).toEqual({ user: "alice", role: "auditor", accounts: ["payroll"] });
  });

  it("a session whose sign-in method is turned off ends: OIDC no longer configured, or a local one with LOCAL_LOGIN=off", async () => {
    ended.length = 0;
    const sso = await begin({ user: "bob@example.com", source: "oidc", role: "admin", accounts: null, idToken: null });
    expect(await read(sso, at(0), auth)).toBeNull();
    expect(await read(sso, at(0), withOidc)).toBeNull();
    const local = await begin();
    expect(await read(local, at(0), withOidc)).not.toBeNull();
    expect(await read(local, at(0), { ...withOidc, localLogin: false })).toBeNull();
    expect(ended).toEqual([
      { user: "bob@example.com", reason: "sign_in_method_off" },
      { user: "alice", reason: "sign_in_method_off" },
    ]);
  });

  it("an unknown id, an ended session and one past SESSION_TTL are refused", async () => {
    expect(await read(newSessionToken(), at(0))).toBeNull();
    const token = await begin();
    await store.sessions.end({ tokenHash: sessionTokenDigest(token) }, at(1), "logout");
    expect(await read(token, at(2))).toBeNull();
    // Kept busy (seen every 20 minutes) until the absolute expiry, then refused anyway.
    const busy = await begin();
    for (let ms = 0; ms < auth.sessionTtlSeconds * 1000; ms += 20 * MINUTE) expect(await read(busy, at(ms))).not.toBeNull();
    expect(await read(busy, at(auth.sessionTtlSeconds * 1000))).toBeNull();
  });

  it("idle longer than SESSION_IDLE is refused; being used keeps it alive, refreshed at most once a minute", async () => {
    const token = await begin();
    const digest = sessionTokenDigest(token);
    expect(await read(token, at(SESSION_TOUCH_INTERVAL_MS - 1))).not.toBeNull();
    expect((await store.sessions.byToken(digest))!.lastSeenAt).toEqual(at(0));
    expect(await read(token, at(29 * MINUTE))).not.toBeNull();
    expect((await store.sessions.byToken(digest))!.lastSeenAt).toEqual(at(29 * MINUTE));
    expect(await read(token, at(59 * MINUTE))).not.toBeNull();
    expect(await read(token, at(89 * MINUTE + 1))).toBeNull();
  });

  it("a removed user or a changed password hash ends the session, once, and says why", async () => {
    const first = await begin();
    const second = await begin();
    ended.length = 0;
    const changed: AuthConfig = { ...auth, users: new Map([["alice", OTHER_HASH]]) };
    expect(await read(first, at(0), changed)).toBeNull();
    // Ended for good: the old hash put back does not revive it.
    expect(await read(first, at(0))).toBeNull();
    const removed: AuthConfig = { ...auth, users: new Map([["carol", HASH]]) };
    expect(await read(second, at(0), removed)).toBeNull();
    expect(await read(second, at(0), removed)).toBeNull();
    expect(ended).toEqual([
      { user: "alice", reason: "credential_changed" },
      { user: "alice", reason: "user_removed" },
    ]);
    // A user whom DASHBOARD_ROLES leaves without a role signs in to nothing.
    const third = await begin();
    const roleless: AuthConfig = { ...auth, users: new Map([["alice", HASH], ["bob", HASH]]), roles: new Map([["bob", "viewer"]]) };
    expect(await read(third, at(0), roleless)).toBeNull();
  });
});
