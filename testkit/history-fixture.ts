/**
 * Snapshots for the history API specs, as plain data (no server imports, so a Playwright spec can
 * read the figures it expects): seeded by testkit/history-seed.ts through lib/store.
 */

import type { SnapshotBalanceJson } from "../lib/snapshots/types";

/** A balance as the API answers it, without the account its snapshot entry already names. */
export type FixtureBalance = Omit<SnapshotBalanceJson, "account">;

export type FixtureAccount = { account: string; status: "ok"; balances: FixtureBalance[] } | { account: string; status: "failed"; errorCode: string };

export interface FixtureSnapshot {
  /** "app": the key the app signs with (the demo master key); "other": a key it must never show. */
  key: "app" | "other";
  takenAt: string;
  accounts: FixtureAccount[];
}

const NANOS = "1764633600123456789";

function figures(currency: string, amount: string, valueUsd: string | null, takenAt: string, extra: Partial<FixtureBalance> = {}): FixtureBalance {
  return { currency, amount, available: amount, availableForWithdrawal: amount, pendingDeposit: null, pendingWithdrawal: null, valueUsd, exchangeTimestamp: NANOS, takenAt, ...extra };
}

export const HISTORY_FIXTURE: readonly FixtureSnapshot[] = [
  {
    key: "app",
    takenAt: "2026-11-28T10:00:04.000Z",
    accounts: [
      {
        account: "primary",
        status: "ok",
        balances: [
          figures("BTC", "42.1234567890123456789", "3999999.9999999999999999999", "2026-11-28T10:00:03.500Z"),
          figures("USD", "9007199254740993", "9007199254740993", "2026-11-28T10:00:03.500Z"),
        ],
      },
      { account: "treasury", status: "ok", balances: [figures("BTC", "0.0000000000000000001", "0.0000000000000000001", "2026-11-28T10:00:03.900Z")] },
    ],
  },
  // 29 November: no snapshot, a gap in the history.
  {
    key: "app",
    takenAt: "2026-11-30T23:00:04.000Z",
    accounts: [
      { account: "primary", status: "ok", balances: [figures("BTC", "1.5", "150.00", "2026-11-30T23:00:03.250Z", { pendingDeposit: "0.25", exchangeTimestamp: "1764543603250000001" })] },
      { account: "treasury", status: "failed", errorCode: "rate_limited" },
    ],
  },
  { key: "app", takenAt: "2026-11-30T23:30:00.000Z", accounts: [{ account: "primary", status: "failed", errorCode: "upstream_timeout" }] },
  { key: "other", takenAt: "2026-12-01T00:00:00.000Z", accounts: [{ account: "primary", status: "ok", balances: [figures("BTC", "777", "777", "2026-12-01T00:00:00.000Z")] }] },
];
