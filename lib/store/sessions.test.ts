/**
 * Sessions on both engines (embedded PGlite and a real PostgreSQL server): created, found by their
 * digest, touched, ended one, per user, or by row id; only open, unexpired, recently seen ones listed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type NewSession, type Store } from "@/lib/store";
import { ENGINE_TIMEOUT_MS, ENGINES, useStoreEngines } from "@/testkit/store-engines";

const { freshLocation } = useStoreEngines();

const T0 = new Date("2026-12-01T09:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function local(tokenHash: string, user = "alice", overrides: Partial<NewSession> = {}): NewSession {
  return {
    tokenHash,
    user,
    source: "local",
    credential: "cred-1",
    createdAt: T0,
    expiresAt: at(8 * 60),
    address: "203.0.113.7",
    userAgent: "test agent",
    ...overrides,
  } as NewSession;
}

describe.each(ENGINES)("sessions on %s", (engine) => {
  let store: Store;

  beforeAll(async () => {
    store = await openStore(await freshLocation(engine));
  }, ENGINE_TIMEOUT_MS);

  afterAll(async () => {
    await store?.close();
  }, ENGINE_TIMEOUT_MS);

  it("keeps a local session and an OIDC one with its role, accounts and id token", async () => {
    const created = await store.sessions.create(local("h-local"));
    expect(created).toMatchObject({ user: "alice", source: "local", role: null, accounts: null, credential: "cred-1", lastSeenAt: T0, endedAt: null });
    await store.sessions.create({
      tokenHash: "h-oidc",
      user: "bob@example.com",
      source: "oidc",
      role: "auditor",
      accounts: ["primary"],
      idToken: "eyJ.id.token",
      createdAt: T0,
      expiresAt: at(60),
      address: null,
      userAgent: null,
    });
    expect(await store.sessions.byToken("h-oidc")).toMatchObject({ source: "oidc", role: "auditor", accounts: ["primary"], idToken: "eyJ.id.token", credential: null });
    expect(await store.sessions.byToken("unknown")).toBeNull();
  });

  it("the same token digest twice is refused (one cookie, one row)", async () => {
    await store.sessions.create(local("h-dup"));
    await expect(store.sessions.create(local("h-dup"))).rejects.toThrow();
  });

  it("touch moves last_seen_at forward only, and not on an ended session", async () => {
    const { id } = await store.sessions.create(local("h-touch"));
    await store.sessions.touch(id, at(5));
    await store.sessions.touch(id, at(2));
    expect((await store.sessions.byToken("h-touch"))!.lastSeenAt).toEqual(at(5));
    await store.sessions.end({ id }, at(6), "logout");
    await store.sessions.touch(id, at(7));
    expect((await store.sessions.byToken("h-touch"))!.lastSeenAt).toEqual(at(5));
  });

  it("ends a session once: a second end finds nothing open", async () => {
    await store.sessions.create(local("h-end"));
    const ended = await store.sessions.end({ tokenHash: "h-end" }, at(1), "logout");
    expect(ended).toMatchObject({ endedAt: at(1), endedReason: "logout" });
    expect(await store.sessions.end({ tokenHash: "h-end" }, at(2), "revoked")).toBeNull();
    expect((await store.sessions.byToken("h-end"))!.endedReason).toBe("logout");
  });

  it("ends every open session of one user, and no one else's", async () => {
    await store.sessions.create(local("h-carol-1", "carol"));
    await store.sessions.create(local("h-carol-2", "carol"));
    await store.sessions.create(local("h-dave", "dave"));
    const ended = await store.sessions.endUser("carol", at(3), "logout_everywhere");
    expect(ended.map((row) => row.user)).toEqual(["carol", "carol"]);
    expect(await store.sessions.endUser("carol", at(4), "logout_everywhere")).toEqual([]);
    expect((await store.sessions.byToken("h-dave"))!.endedAt).toBeNull();
  });

  it("lists only open sessions before their expiry and seen after the idle bound, without secrets", async () => {
    const own = await openStore(await freshLocation(engine));
    try {
      const fresh = await own.sessions.create(local("a", "fresh"));
      await own.sessions.touch(fresh.id, at(50));
      await own.sessions.create(local("b", "idle"));
      await own.sessions.create(local("c", "expired", { expiresAt: at(30) }));
      const ended = await own.sessions.create(local("d", "ended"));
      await own.sessions.end({ id: ended.id }, at(10), "revoked");
      const listed = await own.sessions.listActive(at(60), at(30));
      expect(listed.map((row) => row.user)).toEqual(["fresh"]);
      expect(Object.keys(listed[0]!)).not.toContain("idToken");
      expect(Object.keys(listed[0]!)).not.toContain("credential");
      expect(await own.sessions.count()).toBe(4);
    } finally {
      await own.close();
    }
  }, ENGINE_TIMEOUT_MS);
});
