/**
 * The dashboard's own address state: `?account=treasury&pending=1`. Reload, links and the back
 * button keep what the user chose. Client-safe.
 */
export interface DashboardParams {
  /** The connection named in the address (`?connection=sg-entity`), or null for the default one. */
  connection: string | null;
  /** The account named in the address, or null to use the default one. */
  account: string | null;
  pending: boolean;
}

const PENDING_ON = "1";

interface ParamSource {
  get(name: string): string | null;
}

export function readDashboardParams(params: ParamSource): DashboardParams {
  const account = params.get("account");
  const connection = params.get("connection");
  return { connection: connection ? connection : null, account: account ? account : null, pending: params.get("pending") === PENDING_ON };
}

/** A Next page's searchParams (each maybe repeated) back as a query string: "?a=1&b=2", or "". */
export function toSearch(record: Record<string, string | string[] | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(record)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(name, item);
  }
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The address query after a change, keeping any other parameters as they were. */
export function dashboardSearch(current: string, change: Partial<DashboardParams>): string {
  const params = new URLSearchParams(current);
  if (change.connection !== undefined) {
    if (change.connection === null) params.delete("connection");
    else params.set("connection", change.connection);
  }
  if (change.account !== undefined) {
    if (change.account === null) params.delete("account");
    else params.set("account", change.account);
  }
  if (change.pending !== undefined) {
    if (change.pending) params.set("pending", PENDING_ON);
    else params.delete("pending");
  }
  const search = params.toString();
  return search ? `?${search}` : "";
}
