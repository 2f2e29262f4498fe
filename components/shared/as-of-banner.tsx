import Link from "next/link";
import { asOfBanner } from "@/lib/history/as-of";
import { statementPagePath } from "@/lib/history/statement";
import type { SnapshotJson } from "@/lib/snapshots/types";

interface AsOfBannerProps {
  at: string;
  snapshot: SnapshotJson;
  /** The snapshot's connection (null: the default one), so the statement link opens the same key's. */
  connection?: string | null;
  onLive?: () => void;
}

/** Says plainly that the figures below are stored ones, from when, and how to get back to live. */
export function AsOfBanner({ at, snapshot, connection = null, onLive }: AsOfBannerProps) {
  return (
    <div
      role="status"
      data-testid="as-of-banner"
      className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950/60 dark:text-amber-50"
    >
      <p className="font-semibold">{asOfBanner(at, snapshot.takenAt)}</p>
      {snapshot.demo && <p>Demo data.</p>}
      {snapshot.failedAccounts.length > 0 && (
        <p>
          Partial snapshot: {snapshot.failedAccounts.join(", ")} could not be read then.
        </p>
      )}
      <div className="ml-auto flex items-center gap-3 print:hidden">
        <Link href={statementPagePath(at, connection)} className="font-medium underline underline-offset-2">
          Statement
        </Link>
        {onLive && (
          <button type="button" onClick={onLive} className="font-medium underline underline-offset-2">
            Back to live
          </button>
        )}
      </div>
    </div>
  );
}
