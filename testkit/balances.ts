import type { Balance } from "@/lib/balances/types";

/** An exchange balance whose figures all equal `amount` unless `extra` says otherwise. */
export const balance = (currency: string, amount: string, extra: Partial<Balance> = {}): Balance => ({
  type: "exchange",
  currency,
  amount,
  available: amount,
  availableForWithdrawal: amount,
  ...extra,
});
