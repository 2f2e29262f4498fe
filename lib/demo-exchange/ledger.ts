import "server-only";

import { CURRENCIES, SEED_BALANCES, type CurrencyCode, type SeedBalance } from "./data";
import { toUnits } from "./decimal";
import type { Random } from "./random";

/** A balance in 10^-19 units: amount >= available >= availableForWithdrawal >= 0. */
export interface Balance {
  readonly currency: CurrencyCode;
  amount: bigint;
  available: bigint;
  availableForWithdrawal: bigint;
  pendingDeposit: bigint;
  pendingWithdrawal: bigint;
}

/** At most this many currencies move per account per call. */
const MAX_DRIFTING_CURRENCIES = 2;
/** A drift step moves by up to this many `driftStep`s either way. */
const MAX_DRIFT_STEPS = 5;

export interface Ledger {
  balances(account: string): readonly Balance[];
  /** Moves one or two non-zero balances of the account by a small random walk. */
  drift(account: string): void;
}

export function createLedger(random: Random, driftEnabled: boolean, seedBalances: Readonly<Record<string, readonly SeedBalance[]>> = SEED_BALANCES): Ledger {
  const books = new Map<string, Balance[]>();
  for (const [account, seeds] of Object.entries(seedBalances)) {
    books.set(
      account,
      seeds.map((seed) => {
        const balance: Balance = {
          currency: seed.currency,
          amount: toUnits(seed.amount),
          available: toUnits(seed.available),
          availableForWithdrawal: toUnits(seed.availableForWithdrawal),
          pendingDeposit: toUnits(seed.pendingDeposit ?? "0"),
          pendingWithdrawal: toUnits(seed.pendingWithdrawal ?? "0"),
        };
        if (!(balance.amount >= balance.available && balance.available >= balance.availableForWithdrawal)) {
          throw new Error(`Seed balance breaks amount >= available >= availableForWithdrawal: ${account} ${seed.currency}`);
        }
        return balance;
      }),
    );
  }

  return {
    balances: (account) => books.get(account) ?? [],
    drift(account) {
      if (!driftEnabled) return;
      // Zero balances stay zero so the UI's "hide zero balances" has something to hide.
      const movable = (books.get(account) ?? []).filter((balance) => balance.amount > 0n);
      const count = Math.min(movable.length, 1 + random.int(MAX_DRIFTING_CURRENCIES));
      for (let i = 0; i < count; i += 1) {
        const balance = movable.splice(random.int(movable.length), 1)[0];
        if (!balance) break;
        const steps = BigInt(random.int(2 * MAX_DRIFT_STEPS + 1) - MAX_DRIFT_STEPS);
        applyDelta(balance, steps * toUnits(CURRENCIES[balance.currency].driftStep));
      }
    },
  };
}

/** Moves the amount and keeps the holds (amount - available, available - withdrawable) where they fit. */
function applyDelta(balance: Balance, delta: bigint): void {
  const orderHold = balance.amount - balance.available;
  const withdrawalHold = balance.available - balance.availableForWithdrawal;
  // Never drift to zero or below: keeps non-zero balances visible and nothing negative.
  const amount = balance.amount + delta > 0n ? balance.amount + delta : balance.amount;
  const available = amount > orderHold ? amount - orderHold : 0n;
  balance.amount = amount;
  balance.available = available;
  balance.availableForWithdrawal = available > withdrawalHold ? available - withdrawalHold : 0n;
}
