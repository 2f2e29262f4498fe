"use client";

import { useQueries, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { useAccounts } from "@/lib/balances/get-accounts";
import { balancesQueryOptions } from "@/lib/balances/get-balances";
import { valuationQueryOptions } from "@/lib/treasury/get-valuation";
import type { BalancesResponse } from "@/lib/balances/types";
import { overviewScope, type AccountReading } from "@/lib/treasury/overview-model";
import { valueStaking } from "@/lib/treasury/staking";
import type { ValuationCurrency, ValuationResponse, ValuedStaking } from "@/lib/treasury/types";

/** An account's staking (it comes with its balances) valued at the prices its valuation carries. */
function valuedStaking(balances: BalancesResponse | undefined, valuation: ValuationResponse | undefined): ValuedStaking | undefined {
  return balances && valuation ? valueStaking(balances.staking, valuation.prices) : undefined;
}

/**
 * The group's account list, and the balances and valuation of every account the overview covers,
 * by account id. Queries run one after another (each waits until every one before it has settled),
 * so the group never takes more than its share of the key's budget.
 */
export function useGroupReadings({
  pending,
  currency,
  refreshIntervalMs,
}: {
  pending: boolean;
  currency: ValuationCurrency;
  refreshIntervalMs: number;
}) {
  const accounts = useAccounts();
  const queryClient = useQueryClient();
  const { included } = overviewScope(accounts.data?.accounts ?? []);

  const settled = (queryKey: QueryKey) => {
    const state = queryClient.getQueryState(queryKey);
    return state !== undefined && state.status !== "pending";
  };
  // Only a master key reads other accounts; then each query's turn comes when all before it settled.
  let earlierSettled = accounts.data?.master === true;
  const plan = included.map((account) => {
    const balances = { ...balancesQueryOptions({ account: account.account, pending }), enabled: earlierSettled };
    earlierSettled &&= settled(balances.queryKey);
    const valuation = { ...valuationQueryOptions({ account: account.account, currency }), enabled: earlierSettled };
    earlierSettled &&= settled(valuation.queryKey);
    return { balances, valuation };
  });

  const balances = useQueries({ queries: plan.map((step) => ({ ...step.balances, refetchInterval: refreshIntervalMs })) });
  const valuations = useQueries({ queries: plan.map((step) => ({ ...step.valuation, refetchInterval: refreshIntervalMs })) });

  const readings = new Map<string, AccountReading>(
    included.map((account, index) => [
      account.account,
      {
        balances: balances[index]?.data,
        valuation: valuations[index]?.data,
        staking: valuedStaking(balances[index]?.data, valuations[index]?.data),
        error: balances[index]?.error ?? valuations[index]?.error ?? null,
      },
    ]),
  );
  return { accounts, readings };
}
