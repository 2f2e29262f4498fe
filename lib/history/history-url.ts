/** /history's address state: `?connection=sg-entity&range=90d&account=primary&currency=BTC`. Client-safe. */
import { ALL_CONNECTIONS } from "@/lib/config/connection-label";
import { DEFAULT_HISTORY_RANGE, isHistoryRange, type HistoryRange } from "@/lib/history/ranges";

export interface HistoryParams {
  /** A connection's label, "all" for every connection summed, or null for the default connection. */
  connection: string | null;
  range: HistoryRange;
  /** One account, or null for every account. */
  account: string | null;
  /** The currency whose amounts are charted, or null for the first one held. */
  currency: string | null;
}

interface ParamSource {
  get(name: string): string | null;
}

export function readHistoryParams(params: ParamSource): HistoryParams {
  const range = params.get("range");
  const connection = params.get("connection") || null;
  return {
    connection,
    range: isHistoryRange(range) ? range : DEFAULT_HISTORY_RANGE,
    // Account names belong to one connection: none with every connection summed.
    account: connection === ALL_CONNECTIONS ? null : params.get("account") || null,
    currency: params.get("currency")?.toUpperCase() || null,
  };
}

export function historySearch(current: string, change: Partial<HistoryParams>): string {
  const params = new URLSearchParams(current);
  for (const [name, value] of Object.entries(change)) {
    if (value === null || value === undefined || (name === "range" && value === DEFAULT_HISTORY_RANGE)) params.delete(name);
    else params.set(name, value);
  }
  const search = params.toString();
  return search ? `?${search}` : "";
}
