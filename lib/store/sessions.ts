import "server-only";
import { and, desc, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Role } from "@/lib/config/roles";
import type { StoreDatabase } from "./open";
import { sessions } from "./schema";

/** Why a session ended, kept with the row (and in the audit trail's session_revoked details). */
/** sign_in_method_off: OIDC no longer configured (an OIDC session), or LOCAL_LOGIN=off (a local one). */
export type SessionEndReason = "logout" | "logout_everywhere" | "revoked" | "user_removed" | "credential_changed" | "sign_in_method_off";

/** Who the session is for: a configured (local) user, or one an OIDC provider signed in. */
export type SessionIdentity =
  | { user: string; source: "local"; credential: string }
  | { user: string; source: "oidc"; role: Role; accounts: readonly string[] | null; idToken: string | null };

export type NewSession = SessionIdentity & {
  /** SHA-256 of the cookie's id, never the id itself. */
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
  address: string | null;
  userAgent: string | null;
};

export interface SessionRecord {
  /** The row's id: names a session in the admin list without revealing its cookie. */
  id: number;
  user: string;
  source: "local" | "oidc";
  role: Role | null;
  accounts: readonly string[] | null;
  idToken: string | null;
  credential: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  endedReason: string | null;
  address: string | null;
  userAgent: string | null;
}

/** What the admin list shows: nothing that could sign anyone in (no token digest, no id token). */
export type ActiveSession = Omit<SessionRecord, "idToken" | "credential" | "endedAt" | "endedReason">;

/** The admin list shows at most this many, most recently seen first. */
export const MAX_LISTED_SESSIONS = 500;

const recordColumns = {
  id: sessions.id,
  user: sessions.userName,
  source: sessions.source,
  role: sessions.role,
  accounts: sessions.accounts,
  idToken: sessions.idToken,
  credential: sessions.credential,
  createdAt: sessions.createdAt,
  lastSeenAt: sessions.lastSeenAt,
  expiresAt: sessions.expiresAt,
  endedAt: sessions.endedAt,
  endedReason: sessions.endedReason,
  address: sessions.address,
  userAgent: sessions.userAgent,
};

const activeColumns = {
  id: sessions.id,
  user: sessions.userName,
  source: sessions.source,
  role: sessions.role,
  accounts: sessions.accounts,
  createdAt: sessions.createdAt,
  lastSeenAt: sessions.lastSeenAt,
  expiresAt: sessions.expiresAt,
  address: sessions.address,
  userAgent: sessions.userAgent,
};

/** Sessions in the store: every instance sharing it sees a sign-out or a revocation at once. */
export class SessionStore {
  constructor(private readonly db: StoreDatabase) {}

  async create(session: NewSession): Promise<SessionRecord> {
    const oidc = session.source === "oidc" ? session : null;
    const [row] = await this.db
      .insert(sessions)
      .values({
        tokenHash: session.tokenHash,
        userName: session.user,
        source: session.source,
        role: oidc?.role ?? null,
        accounts: oidc?.accounts ? [...oidc.accounts] : null,
        idToken: oidc?.idToken ?? null,
        credential: session.source === "local" ? session.credential : null,
        createdAt: session.createdAt,
        lastSeenAt: session.createdAt,
        expiresAt: session.expiresAt,
        address: session.address,
        userAgent: session.userAgent,
      })
      .returning(recordColumns);
    return row!;
  }

  /** The session whose cookie id hashes to `tokenHash`, ended or not (the caller judges it). */
  async byToken(tokenHash: string): Promise<SessionRecord | null> {
    const [row] = await this.db.select(recordColumns).from(sessions).where(eq(sessions.tokenHash, tokenHash));
    return row ?? null;
  }

  /** Marks the session seen at `at` (never backwards, never an ended one). */
  async touch(id: number, at: Date): Promise<void> {
    await this.db
      .update(sessions)
      .set({ lastSeenAt: at })
      .where(and(eq(sessions.id, id), isNull(sessions.endedAt), lt(sessions.lastSeenAt, at)));
  }

  /** Ends one open session, found by its cookie's digest or its row id; null when none was open. */
  async end(which: { tokenHash: string } | { id: number }, at: Date, reason: SessionEndReason): Promise<SessionRecord | null> {
    const match = "id" in which ? eq(sessions.id, which.id) : eq(sessions.tokenHash, which.tokenHash);
    const [row] = await this.db
      .update(sessions)
      .set({ endedAt: at, endedReason: reason })
      .where(and(match, isNull(sessions.endedAt)))
      .returning(recordColumns);
    return row ?? null;
  }

  /** Ends every open session of `user`; returns those it ended. */
  async endUser(user: string, at: Date, reason: SessionEndReason): Promise<SessionRecord[]> {
    return this.db
      .update(sessions)
      .set({ endedAt: at, endedReason: reason })
      .where(and(eq(sessions.userName, user), isNull(sessions.endedAt)))
      .returning(recordColumns);
  }

  /** Sessions still usable at `now`: not ended, not past expiry, seen after `idleSince`; most recently seen first. */
  async listActive(now: Date, idleSince: Date): Promise<ActiveSession[]> {
    return this.db
      .select(activeColumns)
      .from(sessions)
      .where(and(isNull(sessions.endedAt), gt(sessions.expiresAt, now), gt(sessions.lastSeenAt, idleSince)))
      .orderBy(desc(sessions.lastSeenAt), desc(sessions.id))
      .limit(MAX_LISTED_SESSIONS);
  }

  /** How many rows there are, open or not (tests and the README's SQL). */
  async count(): Promise<number> {
    const [row] = await this.db.select({ n: sql<number>`count(*)::int` }).from(sessions);
    return row?.n ?? 0;
  }
}
