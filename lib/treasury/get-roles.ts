import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "@/lib/balances/api-error";
import type { KeyRoles, RolesResponse } from "@/lib/treasury/types";

/** A key's roles do not change while it exists; the server asks Gemini once per process. */
function rolesQueryOptions() {
  return queryOptions({
    queryKey: ["roles"] as const,
    queryFn: async ({ signal }) => (await getJson<RolesResponse>("/api/roles", signal)).roles,
    staleTime: Infinity,
  });
}

export function useRoles() {
  return useQuery(rolesQueryOptions());
}

/** Trader can place orders; Fund Manager can withdraw and transfer. A dashboard needs neither. */
export function canActOnFunds(roles: KeyRoles): boolean {
  return roles.trader || roles.fundManager;
}

/** Gemini's balances endpoints need one of Auditor, Trader or Fund Manager. */
export function canReadBalances(roles: KeyRoles): boolean {
  return roles.auditor || roles.trader || roles.fundManager;
}
