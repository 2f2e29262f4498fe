"use client";

import { AllocationPanel } from "@/components/shared/allocation-panel";
import type { Staking } from "@/lib/balances/types";
import { allocation } from "@/lib/treasury/overview";
import { stakedSlices } from "@/lib/treasury/staking";
import type { ValuationResponse } from "@/lib/treasury/types";

/** The allocation of the account on screen, once its valuation is known; staked holdings are slices of their own. */
export function AccountAllocation({ valuation, staking, scope }: { valuation: ValuationResponse | undefined; staking: Staking; scope: string }) {
  if (!valuation) return null;
  const exchange = valuation.values.map((value) => ({ currency: value.currency, value: value.amountNotional }));
  const slices = allocation([...exchange, ...stakedSlices(staking, valuation.prices)]);
  return <AllocationPanel slices={slices} currency={valuation.currency} scope={scope} collapsible />;
}
