"use client";

import { useState } from "react";
import { getJson, toDashboardError, type DashboardError } from "@/lib/balances/api-error";
import type { AuditVerifyJson } from "@/lib/audit/types";
import { utcDateTime } from "@/lib/history/time";

const BUTTON =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-xs hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700 dark:focus-visible:outline-sky-400";

type Check = { state: "idle" } | { state: "running" } | { state: "done"; result: AuditVerifyJson } | { state: "failed"; error: DashboardError };

function Verdict({ result }: { result: AuditVerifyJson }) {
  const checked = utcDateTime(result.checkedAt, { seconds: true });
  if (result.ok) {
    return (
      <div data-testid="verify-result" data-ok="true" className="rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-950 dark:border-emerald-800 dark:bg-emerald-950/60 dark:text-emerald-100">
        <p className="font-semibold">
          Chain verified: {result.rows} {result.rows === 1 ? "row" : "rows"}, none edited, deleted or reordered.
        </p>
        <p className="mt-1 text-xs">
          Checked {checked} UTC. {result.lastId === null ? "The trail is empty." : <>Last row {result.lastId}, hash <code className="break-all">{result.lastHash}</code>.</>}
        </p>
      </div>
    );
  }
  return (
    <div data-testid="verify-result" data-ok="false" data-first-bad-id={result.firstBadId} className="rounded-lg border border-rose-300 bg-rose-50 px-4 py-3 text-sm text-rose-950 dark:border-rose-800 dark:bg-rose-950/60 dark:text-rose-100">
      <p className="font-semibold">Chain broken at row {result.firstBadId}.</p>
      <p className="mt-1">{result.reason}</p>
      <p className="mt-1 text-xs">
        {result.rows} {result.rows === 1 ? "row" : "rows"} before it verified. Checked {checked} UTC.
      </p>
    </div>
  );
}

/** Recomputes the whole chain on the server when asked (it reads every row), and says what it found. */
export function VerifyChain() {
  const [check, setCheck] = useState<Check>({ state: "idle" });
  const run = async () => {
    setCheck({ state: "running" });
    try {
      setCheck({ state: "done", result: await getJson<AuditVerifyJson>("/api/audit/verify") });
    } catch (error) {
      setCheck({ state: "failed", error: toDashboardError(error) });
    }
  };
  return (
    <div className="flex flex-col gap-2">
      <div>
        <button type="button" className={BUTTON} onClick={run} disabled={check.state === "running"}>
          Verify chain
        </button>
      </div>
      <div role="status" aria-live="polite">
        {check.state === "running" && <p className="text-sm text-slate-600 dark:text-slate-300">Verifying every row…</p>}
        {check.state === "done" && <Verdict result={check.result} />}
        {check.state === "failed" && (
          <p data-testid="verify-result" data-error-code={check.error.code} className="text-sm text-rose-800 dark:text-rose-300">
            The chain could not be checked ({check.error.code}): {check.error.message}
          </p>
        )}
      </div>
    </div>
  );
}
