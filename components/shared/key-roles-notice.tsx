"use client";

import { useSyncExternalStore } from "react";
import { canActOnFunds, canReadBalances, useRoles } from "@/lib/treasury/get-roles";
import type { KeyRoles } from "@/lib/treasury/types";

/** Per browser tab: the warning comes back in a new session, as a reminder should. */
const DISMISSED_KEY = "gemini-treasury:key-roles-warning-dismissed";
const DISMISS_EVENT = "gemini-treasury:key-roles-warning";

function subscribe(onChange: () => void): () => void {
  window.addEventListener(DISMISS_EVENT, onChange);
  return () => window.removeEventListener(DISMISS_EVENT, onChange);
}

function readDismissed(): boolean {
  try {
    return window.sessionStorage.getItem(DISMISSED_KEY) === "1";
  } catch {
    return false; // storage blocked: the warning simply stays
  }
}

function dismiss(): void {
  try {
    window.sessionStorage.setItem(DISMISSED_KEY, "1");
  } catch {
    // storage blocked: dismissed until the page reloads
  }
  window.dispatchEvent(new Event(DISMISS_EVENT));
}

function powers(roles: KeyRoles): string {
  if (roles.trader && roles.fundManager) return "can trade and move funds";
  return roles.trader ? "can trade" : "can move funds";
}

const AUDITOR_STEPS = (
  <ol className="mt-2 list-decimal space-y-1 pl-5">
    <li>
      In Gemini, open <strong>Settings → API</strong> (for several accounts, the group&apos;s API settings, so the key is a
      master key) and create a new key.
    </li>
    <li>
      Give it the <strong>Auditor</strong> role only: read-only, and Gemini does not combine it with Trader or Fund Manager.
    </li>
    <li>
      Set <code>GEMINI_API_KEY</code> and <code>GEMINI_API_SECRET</code> to the new key, restart the dashboard, then revoke
      this key.
    </li>
  </ol>
);

/**
 * Says when a dashboard's API key is more powerful than a read-only view needs (dismissible for
 * the session), or has none of the roles that can read balances (not dismissible: nothing works).
 * With several connections each key is checked and named.
 */
export function KeyRolesNotice({ connections = [] }: { connections?: readonly string[] }) {
  if (connections.length <= 1) return <OneKeyRolesNotice connection={null} />;
  return connections.map((connection) => <OneKeyRolesNotice key={connection} connection={connection} />);
}

function OneKeyRolesNotice({ connection }: { connection: string | null }) {
  const { data: roles } = useRoles(connection);
  const dismissed = useSyncExternalStore(subscribe, readDismissed, () => false);
  if (!roles) return null;
  const key = connection === null ? "This API key" : `The API key of connection ${connection}`;
  const idSuffix = connection === null ? "" : `-${connection}`;

  if (!canReadBalances(roles)) {
    return (
      <section
        role="alert"
        aria-labelledby={`key-roles-missing${idSuffix}`}
        className="mb-4 rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-950 dark:border-red-700 dark:bg-red-950/40 dark:text-red-100"
      >
        <h2 id={`key-roles-missing${idSuffix}`} className="font-semibold">
          {key} has none of the roles that can read balances.
        </h2>
        <p className="mt-1">
          Gemini shows balances only to keys with the Auditor, Trader or Fund Manager role, and this key has none of them.
          Create a read-only key instead:
        </p>
        {AUDITOR_STEPS}
      </section>
    );
  }

  if (!canActOnFunds(roles) || dismissed) return null;
  const held = [roles.trader && "Trader", roles.fundManager && "Fund Manager"].filter(Boolean).join(" and ");
  return (
    <section
      aria-labelledby={`key-roles-warning${idSuffix}`}
      className="mb-4 rounded-lg border border-amber-400 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-600 dark:bg-amber-950/40 dark:text-amber-100"
    >
      <div className="flex flex-wrap items-start gap-3">
        <h2 id={`key-roles-warning${idSuffix}`} className="font-semibold">
          {key} {powers(roles)}.
        </h2>
        <button
          type="button"
          onClick={dismiss}
          className="ml-auto rounded-md border border-amber-500 px-2 py-0.5 text-xs font-medium hover:bg-amber-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-amber-700 dark:border-amber-500 dark:hover:bg-amber-900/60 dark:focus-visible:outline-amber-300"
        >
          Dismiss for this session
        </button>
      </div>
      <p className="mt-1">
        It has the {held} role. The dashboard only reads balances, so a key that leaked from it should not be able to place
        orders or withdraw. A read-only dashboard should use an <strong>Auditor</strong> key:
      </p>
      {AUDITOR_STEPS}
    </section>
  );
}
