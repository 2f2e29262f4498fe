"use client";

import { errorAdvice } from "@/lib/api/errors";
import { toDashboardError } from "@/lib/balances/api-error";
import { utcDateTime } from "@/lib/history/time";
import { useTakeSnapshot } from "@/lib/snapshots/get-snapshots";
import type { SnapshotJson } from "@/lib/snapshots/types";

interface TakeSnapshotButtonProps {
  mode: "live" | "demo";
  onTaken(snapshot: SnapshotJson): void;
}

const BUTTON =
  "rounded-md bg-sky-800 px-3 py-1.5 text-sm font-medium text-white shadow-xs hover:bg-sky-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 disabled:opacity-60 dark:bg-sky-300 dark:text-slate-950 dark:hover:bg-sky-200 dark:focus-visible:outline-sky-400";

/** POST /api/snapshots; a refusal (one in progress, history off) is said in the vocabulary's plain words. */
export function TakeSnapshotButton({ mode, onTaken }: TakeSnapshotButtonProps) {
  const take = useTakeSnapshot();
  const error = take.error ? toDashboardError(take.error) : null;
  const advice = error ? errorAdvice(error.code, mode) : null;
  return (
    <div className="flex flex-wrap items-center gap-3 print:hidden">
      <button type="button" className={BUTTON} disabled={take.isPending} onClick={() => take.mutate(undefined, { onSuccess: ({ snapshot }) => onTaken(snapshot) })}>
        {take.isPending ? "Taking snapshot…" : "Take snapshot now"}
      </button>
      <p role="status" className="text-sm" data-testid="take-snapshot-status">
        {take.isSuccess && `Snapshot taken at ${utcDateTime(take.data.snapshot.takenAt, { seconds: true })} UTC${take.data.snapshot.status === "partial" ? " (partial)" : ""}.`}
        {advice && (
          <span className="text-rose-800 dark:text-rose-300" data-error-code={error?.code}>
            {advice.title} {advice.action}
          </span>
        )}
      </p>
    </div>
  );
}
