import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { ApiError } from "@/lib/api/errors";
import { auditedRead, type Caller } from "@/lib/auth/audited-read";
import { connectionScope, visible, type AccountScope } from "@/lib/auth/scope";
import { getConfig } from "@/lib/config";
import { getSnapshotConnection, getStore } from "@/lib/server/runtime";
import { snapshotDetailJson, snapshotJson } from "@/lib/snapshots/json";
import { snapshotIdParam, type SnapshotsQuery } from "@/lib/snapshots/query";
import { connectionLabels } from "@/lib/server/exchange-key";
import { takeSnapshot, takeSnapshots } from "@/lib/snapshots/take";
import { snapshotStatus, type AccountOutcome, type SnapshotSummary } from "@/lib/store";
import type { SnapshotDetailResponse, SnapshotsResponse, SnapshotTakenResponse } from "@/lib/snapshots/types";

/** What the snapshot routes answer; the store is asked for this deployment's key only. */

/**
 * A snapshot now: of the one key, or with several connections one per connection (`snapshot` is
 * the default connection's, `snapshots` every one taken). Fails only when every connection failed.
 */
export async function takeSnapshotJson(): Promise<SnapshotTakenResponse> {
  if (connectionLabels().length === 1) return { snapshot: snapshotJson(await takeSnapshot()) };
  const results = await takeSnapshots();
  const taken = results.flatMap((result) => (result.status === "fulfilled" ? [snapshotJson(result.value)] : []));
  const failure = results.find((result) => result.status === "rejected");
  if (taken.length === 0 && failure) throw failure.reason;
  return { snapshot: taken[0]!, snapshots: taken };
}

/** A snapshot as a scoped caller sees it: counted, failed and judged over their accounts' outcomes only. */
export function scopedSummary(summary: SnapshotSummary, outcomes: readonly AccountOutcome[]): SnapshotSummary {
  const failedAccounts = outcomes.filter((outcome) => outcome.status === "failed").map((outcome) => outcome.account);
  return { ...summary, status: snapshotStatus(outcomes), accountCount: outcomes.length, failedAccounts };
}

/** A scoped caller's list holds the snapshots that recorded one of their accounts, counted over theirs only. */
export async function listSnapshotsJson(
  { from, to, connection }: Omit<SnapshotsQuery, "connection"> & { connection?: string | null },
  callerScope: AccountScope,
): Promise<SnapshotsResponse> {
  const keyFingerprint = getSnapshotConnection(connection).keyFingerprint;
  const scope = connectionScope(callerScope, connection);
  const store = await getStore();
  const snapshots = await store.snapshots.listSnapshots({ from: from ?? undefined, to: to ?? undefined, keyFingerprint });
  if (scope === null) return { snapshots: snapshots.map(snapshotJson) };
  const outcomes = await store.snapshots.accountOutcomes(
    snapshots.map((snapshot) => snapshot.id),
    scope,
  );
  return {
    snapshots: snapshots.flatMap((snapshot) => {
      const theirs = outcomes.get(snapshot.id);
      return theirs ? [snapshotJson(scopedSummary(snapshot, theirs))] : [];
    }),
  };
}

export async function readSnapshotJson(idText: string, callerScope: AccountScope): Promise<SnapshotDetailResponse> {
  const id = snapshotIdParam(idText);
  if (id === null) throw new ApiError("bad_request", "A snapshot id is a positive whole number, e.g. /api/snapshots/42.");
  const store = await getStore();
  const contents = await store.snapshots.snapshotRows(id);
  // A snapshot of any of this deployment's keys; never one of a key it no longer has.
  const label = connectionLabels().find((each) => getSnapshotConnection(each).keyFingerprint === contents?.snapshot.connection.keyFingerprint);
  if (!contents || label === undefined) {
    throw new ApiError("snapshot_not_found", `No snapshot ${id} of this key.`);
  }
  const scope = connectionScope(callerScope, label);
  if (scope === null) return snapshotDetailJson(contents);
  const accounts = visible(scope, contents.accounts);
  // One that recorded none of the caller's accounts is, to them, not there: same answer as an unknown id.
  if (accounts.length === 0) throw new ApiError("snapshot_not_found", `No snapshot ${id} of this key.`);
  return snapshotDetailJson({
    snapshot: scopedSummary(contents.snapshot, accounts),
    accounts,
    balances: visible(scope, contents.balances),
    staked: visible(scope, contents.staked),
  });
}

/** Compares digests, so neither the length nor the bytes of the secret leak through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const BEARER = /^Bearer (.+)$/;

/**
 * GET /api/cron/snapshot (Vercel Cron): 404 without CRON_SECRET, 401 without the right bearer;
 * both before any store or upstream call. Then a snapshot, as the button takes it.
 */
export function cronSnapshotJson(request: Request, caller: Caller): Promise<SnapshotTakenResponse> {
  return auditedRead({ event: "snapshot_cron", account: null }, caller, async () => {
    const { cronSecret } = getConfig().history;
    if (cronSecret === null) throw new ApiError("cron_off", "GET /api/cron/snapshot is off: CRON_SECRET is not set.");
    const bearer = BEARER.exec(request.headers.get("authorization") ?? "")?.[1];
    if (bearer === undefined || !sameSecret(bearer, cronSecret)) {
      throw new ApiError("unauthenticated", "GET /api/cron/snapshot needs the header Authorization: Bearer <CRON_SECRET>.");
    }
    return takeSnapshotJson();
  });
}
