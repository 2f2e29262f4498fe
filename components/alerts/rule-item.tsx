"use client";

import { useState } from "react";
import { utcDateTime } from "@/lib/history/time";
import type { AlertRuleJson } from "@/lib/alerts/types";
import { DANGER_BUTTON, SECONDARY_BUTTON } from "./rules-styles";

interface RuleItemProps {
  rule: AlertRuleJson;
  busy: boolean;
  onEdit(): void;
  onPause(paused: boolean): void;
  onDelete(): void;
}

function StateText({ rule }: { rule: AlertRuleJson }) {
  const since = `since ${utcDateTime(rule.since)} UTC`;
  if (rule.state === "firing") {
    return (
      <span className="rounded-sm bg-rose-100 px-1.5 py-0.5 font-semibold text-rose-900 dark:bg-rose-950 dark:text-rose-100">
        Firing <span className="font-normal">{since}</span>
      </span>
    );
  }
  return (
    <span className="rounded-sm bg-emerald-50 px-1.5 py-0.5 font-semibold text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100">
      OK <span className="font-normal">{since}</span>
    </span>
  );
}

/** One rule: what it watches, where it stands, and its actions; deleting asks once more in place. */
export function RuleItem({ rule, busy, onEdit, onPause, onDelete }: RuleItemProps) {
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="flex flex-col gap-2 px-4 py-3" data-rule-id={rule.id} data-state={rule.state} data-paused={rule.paused}>
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h3 className="font-semibold">{rule.name}</h3>
        <p className="text-sm">
          <StateText rule={rule} />
          {rule.paused && <span className="ml-2 rounded-sm bg-slate-100 px-1.5 py-0.5 text-slate-800 dark:bg-slate-800 dark:text-slate-200">Paused</span>}
        </p>
      </div>
      <p className="text-sm text-slate-700 dark:text-slate-300">When {rule.description}.</p>
      {confirming ? (
        <div className="flex flex-wrap items-center gap-3" role="group" aria-label={`Delete ${rule.name}?`}>
          <p className="text-sm font-medium">Delete “{rule.name}”? Its past events stay.</p>
          <button type="button" className={DANGER_BUTTON} disabled={busy} onClick={onDelete}>
            Delete rule
          </button>
          <button type="button" className={SECONDARY_BUTTON} onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={SECONDARY_BUTTON} disabled={busy} onClick={onEdit}>
            Edit<span className="sr-only"> {rule.name}</span>
          </button>
          <button type="button" className={SECONDARY_BUTTON} disabled={busy} onClick={() => onPause(!rule.paused)}>
            {rule.paused ? "Resume" : "Pause"}
            <span className="sr-only"> {rule.name}</span>
          </button>
          <button type="button" className={SECONDARY_BUTTON} disabled={busy} onClick={() => setConfirming(true)}>
            Delete<span className="sr-only"> {rule.name}</span>
          </button>
        </div>
      )}
    </li>
  );
}
