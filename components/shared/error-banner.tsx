import type { DashboardError } from "@/lib/balances/api-error";
import { errorAdvice } from "@/lib/api/errors";

interface ErrorBannerProps {
  error: DashboardError;
  mode: "live" | "demo";
  /** True when last good balances are still on screen below. */
  keepingLastGood: boolean;
}

/** What went wrong and what to do, in plain words, per error code. */
export function ErrorBanner({ error, mode, keepingLastGood }: ErrorBannerProps) {
  const advice = errorAdvice(error.code, mode);
  return (
    <div
      role="alert"
      data-error-code={error.code}
      className="rounded-lg border border-rose-300 bg-rose-50 px-4 py-3 text-sm text-rose-950 dark:border-rose-800 dark:bg-rose-950/60 dark:text-rose-100"
    >
      <p className="font-semibold">{advice.title}</p>
      <p className="mt-1">{advice.action}</p>
      {keepingLastGood && <p className="mt-1">The balances below are the last good ones and may be out of date.</p>}
      <p className="mt-2 text-xs text-rose-800 dark:text-rose-300">
        <span className="font-mono">{error.code}</span>: {error.message}
      </p>
    </div>
  );
}
