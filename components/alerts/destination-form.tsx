"use client";

import { useState, type FormEvent } from "react";
import { FIELD, MUTED, PRIMARY_BUTTON } from "@/components/alerts/styles";
import { errorAdvice } from "@/lib/api/errors";
import { toDashboardError } from "@/lib/balances/api-error";
import { useCreateDestination } from "@/lib/alerts/delivery/get-destinations";
import type { DestinationKind, DestinationSavedResponse } from "@/lib/alerts/delivery/types";

interface DestinationFormProps {
  mode: "live" | "demo";
  onCreated(saved: DestinationSavedResponse): void;
}

/** Adds a webhook or Slack destination; the server checks the URL (https, public address) before saving. */
export function DestinationForm({ mode, onCreated }: DestinationFormProps) {
  const create = useCreateDestination();
  const [kind, setKind] = useState<DestinationKind>("webhook");
  const error = create.error ? toDashboardError(create.error) : null;
  const advice = error ? errorAdvice(error.code, mode) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const secret = String(data.get("secret") ?? "").trim();
    create.mutate(
      { name: String(data.get("name") ?? ""), kind, url: String(data.get("url") ?? ""), ...(kind === "webhook" && secret ? { secret } : {}) },
      {
        onSuccess: (saved) => {
          form.reset();
          onCreated(saved);
        },
      },
    );
  }

  return (
    <form onSubmit={submit} className="grid gap-3 px-4 py-4 sm:grid-cols-2" aria-labelledby="add-destination-title">
      <h3 id="add-destination-title" className="text-sm font-semibold sm:col-span-2">
        Add a destination
      </h3>
      <label className="text-sm font-medium">
        Name
        <input name="name" required maxLength={80} className={FIELD} autoComplete="off" />
      </label>
      <label className="text-sm font-medium">
        Format
        <select name="kind" value={kind} onChange={(event) => setKind(event.target.value as DestinationKind)} className={FIELD}>
          <option value="webhook">Webhook (signed JSON)</option>
          <option value="slack">Slack incoming webhook</option>
        </select>
      </label>
      <label className="text-sm font-medium sm:col-span-2">
        URL
        <input name="url" type="url" required maxLength={2048} placeholder="https://" className={FIELD} autoComplete="off" spellCheck={false} />
      </label>
      {kind === "webhook" && (
        <label className="text-sm font-medium sm:col-span-2">
          Signing secret <span className={`font-normal ${MUTED}`}>(optional: leave empty and one is generated)</span>
          <input name="secret" type="password" minLength={24} maxLength={256} className={FIELD} autoComplete="new-password" />
        </label>
      )}
      <div className="flex flex-wrap items-center gap-3 sm:col-span-2">
        <button type="submit" className={PRIMARY_BUTTON} disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add destination"}
        </button>
        <p role="status" className="text-sm" data-testid="destination-form-status">
          {advice && (
            <span className="text-rose-800 dark:text-rose-300" data-error-code={error?.code}>
              {advice.title} {error?.message}
            </span>
          )}
        </p>
      </div>
    </form>
  );
}
