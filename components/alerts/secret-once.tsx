"use client";

import { SECONDARY_BUTTON } from "@/components/alerts/styles";

/** A new signing secret, shown this once: the server never sends it again. */
export function SecretOnce({ name, secret, onDismiss }: { name: string; secret: string; onDismiss(): void }) {
  return (
    <div role="status" className="mx-4 mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-100">
      <p className="font-semibold">Signing secret for {name}: copy it now, it is not shown again.</p>
      <p className="mt-2 font-mono break-all select-all" data-testid="new-secret">
        {secret}
      </p>
      <p className="mt-2">Your receiver checks each delivery&rsquo;s X-Treasury-Signature with it (see the README, &ldquo;Alerts delivery&rdquo;).</p>
      <button type="button" className={`${SECONDARY_BUTTON} mt-2`} onClick={onDismiss}>
        I have copied it
      </button>
    </div>
  );
}
