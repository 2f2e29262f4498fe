"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { sendJson, toDashboardError } from "@/lib/balances/api-error";

const BUTTON =
  "rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-800 shadow-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700 dark:focus-visible:outline-sky-400";

/** Ends one session (the server refuses its cookie on every instance from then on), then reloads the list. */
export function EndSessionButton({ id, user }: { id: number; user: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function end() {
    setPending(true);
    setError(null);
    try {
      await sendJson(`/api/auth/sessions/${id}`, "DELETE");
      // The page is read again: without the session (or, for one's own, on the way to sign-in).
      router.refresh();
    } catch (caught) {
      setError(toDashboardError(caught).message);
      setPending(false);
    }
  }

  return (
    <span className="flex flex-col items-start gap-1">
      <button type="button" onClick={end} disabled={pending} className={BUTTON} aria-label={`End session ${id} of ${user}`}>
        End
      </button>
      {error && (
        <span role="alert" className="text-xs text-rose-800 dark:text-rose-200">
          {error}
        </span>
      )}
    </span>
  );
}
