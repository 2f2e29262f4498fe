"use client";

import type { ReactNode } from "react";
import { AsOfPicker } from "@/components/shared/as-of-picker";
import { AsOfStatement } from "@/components/shared/as-of-statement";
import { ErrorBanner } from "@/components/shared/error-banner";
import { useAsOf } from "@/components/shared/use-as-of";
import { toDashboardError } from "@/lib/balances/api-error";
import { readDashboardParams } from "@/lib/balances/dashboard-url";
import { defaultAccount, useAccounts } from "@/lib/balances/get-accounts";

interface AsOfSwitchProps {
  mode: "live" | "demo";
  /** The query string the server rendered, so hydration matches. */
  serverSearch: string;
  /** One account (the dashboard: the address's account, or the default one) or the whole group (the overview). */
  scope: "account" | "group";
  /** Every connection's label; the group as of a time is shown per connection when there are several. */
  connections?: readonly string[];
  /** The live view. Unmounted while a past time is shown, so its polling stops. */
  children: ReactNode;
}

/** The "As of" picker, and either the live view or the stored figures of the time in `?at=`. */
export function AsOfSwitch({ mode, serverSearch, scope, connections = [], children }: AsOfSwitchProps) {
  const { at, search, setAt } = useAsOf(serverSearch);
  const params = readDashboardParams(new URLSearchParams(search));
  const accounts = useAccounts(params.connection);
  const list = accounts.data?.accounts ?? [];
  const account = accounts.data?.master ? (params.account ?? defaultAccount(list)) : params.account;
  const named = list.find((candidate) => candidate.account === account);
  // An account key's one account has no name to look up until a balance names it.
  const title = named?.name || account || "This account";
  return (
    <div className="flex flex-col gap-4">
      <AsOfPicker at={at} onChange={setAt} />
      {at === null ? (
        children
      ) : scope === "group" && connections.length > 1 ? (
        // Each key's snapshots are its own, taken at their own times: one statement per connection.
        <>
          <h1 className="text-lg font-semibold tracking-tight">All accounts, by connection</h1>
          {connections.map((label) => (
            <AsOfStatement key={label} mode={mode} at={at} scope={{ kind: "group", connection: label, label }} onLive={() => setAt(null)} />
          ))}
        </>
      ) : scope === "group" ? (
        <AsOfStatement mode={mode} at={at} scope={{ kind: "group", connection: null }} onLive={() => setAt(null)} />
      ) : accounts.error ? (
        <ErrorBanner error={toDashboardError(accounts.error)} mode={mode} keepingLastGood={false} />
      ) : accounts.data ? (
        <AsOfStatement mode={mode} at={at} scope={{ kind: "account", connection: params.connection, account, title, pending: params.pending }} onLive={() => setAt(null)} />
      ) : null}
    </div>
  );
}
