/** "Change since": live figures against a stored snapshot, exact (big.js), shown signed and floored. Client-safe. */
import Big from "big.js";
import { floorDecimal, groupThousands } from "@/lib/balances/format";
import type { BalanceRowJson } from "@/lib/snapshots/types";

/** The minus sign people read (and screen readers say), not a hyphen. */
const MINUS = "\u2212";

/** live - then, exactly, as plain decimal text. */
export function exactChange(now: string, then: string): string {
  return new Big(now).minus(then).toFixed();
}

/**
 * Each currency's change in amount: live amount minus the snapshot's (summed over its rows). A
 * currency the snapshot lacks held nothing then (Gemini lists only what an account holds).
 */
export function balanceChanges(live: readonly { currency: string; amount: string }[], past: readonly BalanceRowJson[]): Map<string, string> {
  const then = new Map<string, Big>();
  for (const row of past) then.set(row.currency, (then.get(row.currency) ?? new Big(0)).plus(row.amount));
  return new Map(live.map((balance) => [balance.currency, new Big(balance.amount).minus(then.get(balance.currency) ?? 0).toFixed()]));
}

/** The total's change, or null when either side has no value. */
export function totalChange(liveTotal: string | undefined, pastTotal: string | null): string | null {
  if (liveTotal === undefined || pastTotal === null) return null;
  return exactChange(liveTotal, pastTotal);
}

/** "+1,234.56", "−0.01" or "0.00": floored (never shows more than changed), with its sign. */
export function formatChange(value: string, decimals: number): string {
  const floored = floorDecimal(value, decimals);
  const grouped = groupThousands(floored.replace(/^-/, ""));
  if (floored.startsWith("-")) return `${MINUS}${grouped}`;
  return new Big(floored).gt(0) ? `+${grouped}` : grouped;
}
