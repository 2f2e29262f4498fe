"use client";

import { useId, useState, type ReactNode } from "react";
import { errorAdvice } from "@/lib/api/errors";
import { toDashboardError } from "@/lib/balances/api-error";
import { RULE_KIND_LABELS, ruleFormParams, type RuleFormValues } from "@/lib/alerts/form";
import { KEY_ROLES, roleName, RULE_KINDS } from "@/lib/alerts/rules";
import { FIELD, HINT, LABEL, PRIMARY_BUTTON, SECONDARY_BUTTON } from "./rules-styles";

interface RuleFormProps {
  mode: "live" | "demo";
  initial: RuleFormValues;
  submitLabel: string;
  /** Account names offered (free text is accepted too). */
  accounts: readonly string[];
  pending: boolean;
  error: unknown;
  onSubmit(body: { name: string; params: unknown }): void;
  onCancel(): void;
}

function Field({ label, hint, children, id }: { label: string; hint?: string; children: ReactNode; id: string }) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className={HINT}>
          {hint}
        </p>
      )}
    </div>
  );
}

/** Add or edit one rule: the fields of its kind only; the server's answer names any field it refuses. */
export function RuleForm({ mode, initial, submitLabel, accounts, pending, error, onSubmit, onCancel }: RuleFormProps) {
  const [values, setValues] = useState(initial);
  const base = useId();
  const id = (name: string) => `${base}-${name}`;
  const set = <K extends keyof RuleFormValues>(key: K, value: RuleFormValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const failure = error ? toDashboardError(error) : null;
  const { kind } = values;
  const hasBalanceFields = kind === "balance" || kind === "change" || kind === "pending";

  const text = (name: "name" | "account" | "currency" | "threshold" | "above" | "hours", label: string, hint?: string, decimal = false) => (
    <Field id={id(name)} label={label} hint={hint}>
      <input
        id={id(name)}
        name={name}
        className={FIELD}
        value={values[name]}
        onChange={(event) => set(name, event.target.value)}
        inputMode={decimal ? "decimal" : undefined}
        autoComplete="off"
        aria-describedby={hint ? `${id(name)}-hint` : undefined}
        list={name === "account" ? id("accounts") : undefined}
        required={name === "name" || name === "threshold" || name === "hours"}
      />
    </Field>
  );

  const choice = <K extends "measure" | "direction" | "changeDirection" | "by" | "side">(name: K, label: string, options: Record<RuleFormValues[K], string>) => (
    <Field id={id(name)} label={label}>
      <select id={id(name)} name={name} className={FIELD} value={values[name]} onChange={(event) => set(name, event.target.value as RuleFormValues[K])}>
        {(Object.entries(options) as [RuleFormValues[K], string][]).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <form
      className="flex flex-col gap-4 p-4"
      aria-label={submitLabel}
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit({ name: values.name, params: ruleFormParams(values) });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        {text("name", "Name")}
        <Field id={id("kind")} label="Rule kind">
          <select id={id("kind")} name="kind" className={FIELD} value={kind} onChange={(event) => set("kind", event.target.value as RuleFormValues["kind"])}>
            {RULE_KINDS.map((value) => (
              <option key={value} value={value}>
                {RULE_KIND_LABELS[value]}
              </option>
            ))}
          </select>
        </Field>
      </div>

      {hasBalanceFields && (
        <div className="grid gap-4 sm:grid-cols-3">
          {kind === "pending" && choice("side", "Side", { withdrawal: "Withdrawal", deposit: "Deposit" })}
          {text("account", "Account", "Empty: every account")}
          {text("currency", "Currency", kind === "pending" ? "Empty: any currency" : "Empty: every currency (USD value only)")}
          {kind !== "pending" && choice("measure", "Measure", { amount: "Amount", usd_value: "USD value" })}
          {kind === "balance" && choice("direction", "Fires when", { below: "Below the threshold", above: "Above the threshold" })}
          {kind === "change" && choice("changeDirection", "Fires when it", { either: "Rises or falls", up: "Rises", down: "Falls" })}
          {kind === "change" && choice("by", "By more than", { percent: "A percentage", amount: "An amount" })}
          {kind !== "pending" && text("threshold", kind === "change" && values.by === "percent" ? "Threshold (%)" : "Threshold", "Exact decimal, e.g. 250000.00", true)}
          {kind === "pending" && text("above", "Above", "Empty: any amount (it appears)", true)}
          <datalist id={id("accounts")}>
            {accounts.map((account) => (
              <option key={account} value={account} />
            ))}
          </datalist>
        </div>
      )}

      {kind === "key_roles" && (
        <fieldset className="flex flex-col gap-2">
          <legend className={LABEL}>Fires while the key has any of these roles</legend>
          <div className="flex flex-wrap gap-4">
            {KEY_ROLES.map((role) => (
              <label key={role} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name="roles"
                  value={role}
                  checked={values.roles.includes(role)}
                  onChange={(event) => set("roles", event.target.checked ? [...values.roles, role] : values.roles.filter((held) => held !== role))}
                />
                {roleName(role)}
              </label>
            ))}
          </div>
        </fieldset>
      )}

      {kind === "snapshot_failed" && (
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="includePartial" checked={values.includePartial} onChange={(event) => set("includePartial", event.target.checked)} />
          Also when a snapshot is partial (some accounts could not be read)
        </label>
      )}

      {kind === "no_snapshot" && <div className="grid gap-4 sm:grid-cols-3">{text("hours", "Hours", "Whole hours, 1 to 8760")}</div>}

      {failure && (
        <div role="alert" data-error-code={failure.code} className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-950 dark:border-rose-800 dark:bg-rose-950/60 dark:text-rose-100">
          <p className="font-semibold">{errorAdvice(failure.code, mode).title}</p>
          <p>{failure.message}</p>
        </div>
      )}

      <div className="flex flex-wrap gap-3">
        <button type="submit" className={PRIMARY_BUTTON} disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
        <button type="button" className={SECONDARY_BUTTON} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
