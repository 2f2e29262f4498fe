"use client";

import { useState } from "react";
import { ErrorBanner } from "@/components/shared/error-banner";
import { toDashboardError } from "@/lib/balances/api-error";
import { useAccounts } from "@/lib/balances/get-accounts";
import { emptyRuleForm, ruleFormValues } from "@/lib/alerts/form";
import { useAlertRules, useCreateRule, useDeleteRule, useUpdateRule } from "@/lib/alerts/get-alerts";
import { RuleForm } from "./rule-form";
import { RuleItem } from "./rule-item";
import { FRAME, HEADING, PRIMARY_BUTTON } from "./rules-styles";

/** What the form is open for: nothing, a new rule, or the rule with this id. */
type Editing = null | "new" | number;

/** The rules: list with state, add, edit, pause and delete (each change audited by the server). */
export function RulesSection({ mode }: { mode: "live" | "demo" }) {
  const rules = useAlertRules();
  const accounts = useAccounts();
  const create = useCreateRule();
  const update = useUpdateRule();
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<Editing>(null);
  const [announcement, setAnnouncement] = useState("");
  const accountNames = accounts.data?.accounts.map((account) => account.account) ?? [];
  const open = (next: Editing) => {
    create.reset();
    update.reset();
    setEditing(next);
  };
  const list = rules.data?.rules;
  const edited = typeof editing === "number" ? list?.find((rule) => rule.id === editing) : undefined;
  const busy = update.isPending || remove.isPending;

  return (
    <section aria-labelledby="rules-heading" className={FRAME}>
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h2 id="rules-heading" className="text-base font-semibold">
          Rules
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-300">Checked after every snapshot. A rule fires when its condition becomes true and resolves when it clears.</p>
        {editing !== "new" && (
          <button type="button" className={`${PRIMARY_BUTTON} ml-auto`} onClick={() => open("new")}>
            Add rule
          </button>
        )}
      </div>

      {editing === "new" && (
        <div className="border-b border-slate-200 dark:border-slate-800">
          <h3 className={HEADING}>New rule</h3>
          <RuleForm
            mode={mode}
            initial={emptyRuleForm()}
            submitLabel="Add rule"
            accounts={accountNames}
            pending={create.isPending}
            error={create.error}
            onCancel={() => open(null)}
            onSubmit={(body) =>
              create.mutate(body, {
                onSuccess: ({ rule }) => {
                  setAnnouncement(`Rule “${rule.name}” added.`);
                  setEditing(null);
                },
              })
            }
          />
        </div>
      )}

      <p role="status" className="sr-only">
        {announcement}
      </p>
      {rules.error && (
        <div className="p-4">
          <ErrorBanner error={toDashboardError(rules.error)} mode={mode} keepingLastGood={false} />
        </div>
      )}
      {(update.error || remove.error) && editing === null && (
        <div className="p-4">
          <ErrorBanner error={toDashboardError(update.error ?? remove.error)} mode={mode} keepingLastGood={false} />
        </div>
      )}
      {!list && !rules.error && (
        <p role="status" className="px-4 py-3 text-sm text-slate-600 dark:text-slate-300">
          Loading rules…
        </p>
      )}
      {list && list.length === 0 && <p className="px-4 py-3 text-sm">No rules yet. Add one to be told when a balance crosses a line.</p>}
      {list && list.length > 0 && (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="alert-rules">
          {list.map((rule) =>
            rule.id === editing && edited ? (
              <li key={rule.id} data-rule-id={rule.id}>
                <h3 className={HEADING}>Edit “{rule.name}”</h3>
                <RuleForm
                  mode={mode}
                  initial={ruleFormValues(rule.name, rule.params)}
                  submitLabel="Save rule"
                  accounts={accountNames}
                  pending={update.isPending}
                  error={update.error}
                  onCancel={() => open(null)}
                  onSubmit={(body) =>
                    update.mutate(
                      { id: rule.id, change: body },
                      {
                        onSuccess: ({ rule: saved }) => {
                          setAnnouncement(`Rule “${saved.name}” saved.`);
                          setEditing(null);
                        },
                      },
                    )
                  }
                />
              </li>
            ) : (
              <RuleItem
                key={rule.id}
                rule={rule}
                busy={busy}
                onEdit={() => open(rule.id)}
                onPause={(paused) =>
                  update.mutate(
                    { id: rule.id, change: { paused } },
                    { onSuccess: ({ rule: saved }) => setAnnouncement(`Rule “${saved.name}” ${saved.paused ? "paused" : "resumed"}.`) },
                  )
                }
                onDelete={() => remove.mutate(rule.id, { onSuccess: () => setAnnouncement(`Rule “${rule.name}” deleted.`) })}
              />
            ),
          )}
        </ul>
      )}
    </section>
  );
}
