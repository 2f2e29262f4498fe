import { queryOptions, useQuery } from "@tanstack/react-query";
import { getJson } from "@/lib/balances/api-error";
import type { KeyRoles, RolesResponse } from "@/lib/treasury/types";

/** A key's roles do not change while it exists; the server asks Gemini once per process and key. */
function rolesQueryOptions(connection: string | null) {
  const path = connection === null ? "/api/roles" : `/api/roles?${new URLSearchParams({ connection })}`;
  return queryOptions({
    queryKey: ["roles", { connection }] as const,
    queryFn: async ({ signal }) => (await getJson<RolesResponse>(path, signal)).roles,
    staleTime: Infinity,
  });
}

/** A connection's key's roles (null: the default connection's). */
export function useRoles(connection: string | null = null) {
  return useQuery(rolesQueryOptions(connection));
}

/** Trader can place orders; Fund Manager can withdraw and transfer. A dashboard needs neither. */
export function canActOnFunds(roles: KeyRoles): boolean {
  return roles.trader || roles.fundManager;
}

/** Gemini's balances endpoints need one of Auditor, Trader or Fund Manager. */
export function canReadBalances(roles: KeyRoles): boolean {
  return roles.auditor || roles.trader || roles.fundManager;
}
