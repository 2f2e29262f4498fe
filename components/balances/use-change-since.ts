"use client";

import type { Balance } from "@/lib/balances/types";
import { changeSinceAt, comparableSnapshot } from "@/lib/history/as-of";
import { balanceChanges, totalChange } from "@/lib/history/change";
import { useStatement } from "@/lib/history/get-statement";

export interface ChangeSince {
  /** Each shown currency's change in amount; null when there is nothing to compare with. */
  changes: Map<string, string> | null;
  /** The total USD value's change; null when unknown. */
  total: string | null;
  /** When the snapshot compared with was taken (ISO). */
  takenAt: string | null;
}

const NONE: ChangeSince = { changes: null, total: null, takenAt: null };

/**
 * The account's change against the snapshot at or before 24 h ago. Quietly nothing when there is
 * no such snapshot, history is off or the store fails: the live dashboard never depends on it.
 */
export function useChangeSince({
  connection,
  account,
  live,
  liveTotalUsd,
  liveExchangeUsd,
  receivedAt,
  enabled,
}: {
  /** The account's connection (null: the default one): its snapshots, not another key's account of the same name. */
  connection: string | null;
  account: string | null;
  live: readonly Balance[] | undefined;
  /** The live total in USD (staked value included), or undefined when the valuation shown is not USD. */
  liveTotalUsd: string | undefined;
  /** Its exchange part: compared with a snapshot that did not record staking, so like is compared with like. */
  liveExchangeUsd: string | undefined;
  /** When the live balances arrived: "now" for the comparison. */
  receivedAt: number | undefined;
  enabled: boolean;
}): ChangeSince {
  const at = changeSinceAt(receivedAt ?? 0);
  const past = useStatement({ at, account, connection }, { enabled: enabled && receivedAt !== undefined });
  const data = past.data;
  if (!data || !live || past.isError || !comparableSnapshot(at, data.snapshot.takenAt)) return NONE;
  // The account must have been read in that snapshot: a failed one held nothing we know of.
  const compared = data.accounts.filter((entry) => account === null || entry.account === account);
  if (compared.length === 0 || compared.some((entry) => entry.status !== "ok")) return NONE;
  return { changes: balanceChanges(live, data.balances), total: totalChange(data.stakingRecorded ? liveTotalUsd : liveExchangeUsd, data.totalUsd), takenAt: data.snapshot.takenAt };
}
