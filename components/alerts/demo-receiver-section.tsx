"use client";

import { MUTED, SECTION } from "@/components/alerts/styles";
import { ErrorBanner } from "@/components/shared/error-banner";
import { toDashboardError } from "@/lib/balances/api-error";
import { useDemoReceipts } from "@/lib/alerts/delivery/get-destinations";
import { utcDateTime } from "@/lib/history/time";

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** Demo mode: what the built-in receiver got, so alerts can be seen working without Slack or a server. */
export function DemoReceiverSection() {
  const receipts = useDemoReceipts(true);
  const list = receipts.data?.receipts;
  return (
    <section aria-labelledby="demo-receiver-title" className={SECTION}>
      <div className="border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h2 id="demo-receiver-title" className="text-base font-semibold">
          Demo receiver
        </h2>
        <p className={`mt-1 text-sm ${MUTED}`}>
          The &ldquo;Built-in demo receiver&rdquo; destination posts to this server, which verifies each signature as your receiver would and keeps
          the last payloads here.
        </p>
      </div>
      {receipts.error && (
        <div className="p-4">
          <ErrorBanner error={toDashboardError(receipts.error)} mode="demo" keepingLastGood={false} />
        </div>
      )}
      {list && list.length === 0 && <p className="px-4 py-3 text-sm">Nothing received yet.</p>}
      {list && list.length > 0 && (
        <ol className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="demo-receipts">
          {list.map((receipt) => (
            <li key={receipt.id} className="px-4 py-3 text-sm" data-event-id={receipt.eventId ?? ""}>
              <p>
                <span className="tabular-nums">{utcDateTime(receipt.receivedAt, { seconds: true })} UTC</span>
                <span className="ml-2 font-medium text-emerald-800 dark:text-emerald-300">{receipt.verdict}</span>
              </p>
              <pre tabIndex={0} className="mt-2 max-h-64 overflow-auto rounded-md bg-slate-100 p-2 text-xs dark:bg-slate-950">
                {pretty(receipt.body)}
              </pre>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
