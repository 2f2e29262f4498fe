"use client";

import { AllocationPanel } from "@/components/shared/allocation-panel";
import { allocation } from "@/lib/treasury/overview";
import type { ValuationResponse } from "@/lib/treasury/types";

/** The allocation of the account on screen, once its valuation is known. */
export function AccountAllocation({ valuation, scope }: { valuation: ValuationResponse | undefined; scope: string }) {
  if (!valuation) return null;
  const slices = allocation(valuation.values.map((value) => ({ currency: value.currency, value: value.amountNotional })));
  return <AllocationPanel slices={slices} currency={valuation.currency} scope={scope} collapsible />;
}
