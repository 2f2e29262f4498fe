"use client";

import { useQueries, useQueryClient, type QueryKey } from "@tanstack/react-query";
import { accountsQueryOptions } from "@/lib/balances/get-accounts";
import { balancesQueryOptions } from "@/lib/balances/get-balances";
import { valuationQueryOptions } from "@/lib/treasury/get-valuation";
import type { BalancesResponse } from "@/lib/balances/types";
import { accountKey, type ConnectionAccount } from "@/lib/treasury/connection-rows";
import { overviewScope, type AccountReading } from "@/lib/treasury/overview-model";
import { valueStaking } from "@/lib/treasury/staking";
import type { ValuationCurrency, ValuationResponse, ValuedStaking } from "@/lib/treasury/types";

/** An account's staking (it comes with its balances) valued at the prices its valuation carries. */
function valuedStaking(balances: BalancesResponse | undefined, valuation: ValuationResponse | undefined): ValuedStaking | undefined {
  return balances && valuation ? valueStaking(balances.staking, valuation.prices) : undefined;
}

/**
 * Every connection's account list, and the balances and valuation of every account the overview
 * covers, by accountKey. Within a connection queries run one after another (each waits until every
 * one before it has settled), so its group never takes more than its share of that key's budget;
 * connections, each on its own key and budget, read side by side.
 *
 * `connections`: every connection's label, the default first; with one (or none) the default
 * connection's address is used and accounts carry no connection, as before there were several.
 */
export function useGroupReadings({
  connections,
  pending,
  currency,
  refreshIntervalMs,
}: {
  connections: readonly string[];
  pending: boolean;
  currency: ValuationCurrency;
  refreshIntervalMs: number;
}) {
  const several = connections.length > 1;
  const targets: (string | null)[] = several ? [...connections] : [null];
  const lists = useQueries({ queries: targets.map((connection) => accountsQueryOptions(connection)) });
  const queryClient = useQueryClient();

  const settled = (queryKey: QueryKey) => {
    const state = queryClient.getQueryState(queryKey);
    return state !== undefined && state.status !== "pending";
  };
  // A connection whose key belongs to one account has no group: the overview leaves it out, as /api/overview does.
  const masters = targets.flatMap((connection, index) => (lists[index]?.data?.master === true ? [{ connection, list: lists[index]!.data! }] : []));
  const accounts: ConnectionAccount[] = masters.flatMap(({ connection, list }) =>
    list.accounts.map((account) => (connection === null ? account : { ...account, connection })),
  );
  const plan = masters.flatMap(({ connection, list }) => {
    let earlierSettled = true;
    return overviewScope(list.accounts).included.map((account) => {
      const key = accountKey(connection === null ? account : { ...account, connection });
      const balances = { ...balancesQueryOptions({ connection, account: account.account, pending }), enabled: earlierSettled };
      earlierSettled &&= settled(balances.queryKey);
      const valuation = { ...valuationQueryOptions({ connection, account: account.account, currency }), enabled: earlierSettled };
      earlierSettled &&= settled(valuation.queryKey);
      return { key, balances, valuation };
    });
  });

  const balances = useQueries({ queries: plan.map((step) => ({ ...step.balances, refetchInterval: refreshIntervalMs })) });
  const valuations = useQueries({ queries: plan.map((step) => ({ ...step.valuation, refetchInterval: refreshIntervalMs })) });

  const readings = new Map<string, AccountReading>(
    plan.map((step, index) => [
      step.key,
      {
        balances: balances[index]?.data,
        valuation: valuations[index]?.data,
        staking: valuedStaking(balances[index]?.data, valuations[index]?.data),
        error: balances[index]?.error ?? valuations[index]?.error ?? null,
      },
    ]),
  );
  const error = lists.find((list) => list.error)?.error ?? null;
  const loaded = lists.every((list) => list.data !== undefined);
  return {
    /** The first account list that failed, if any. */
    error,
    /** Every account list arrived. */
    loaded,
    /** Some connection signs with a master key (once the lists arrived). */
    master: masters.length > 0,
    /** Every master-key connection's accounts, each with its connection when there are several. */
    accounts,
    /** The connections the view covers (master keys), in the configured order; empty with one connection. */
    connectionLabels: several ? masters.map(({ connection }) => connection!) : [],
    readings,
  };
}
