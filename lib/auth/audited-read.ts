import "server-only";
import { knownApiError } from "@/lib/api/to-api-error";
import { audit, auditOrRefuse, auditReady, type ReadEvent } from "@/lib/auth/audit";
import { clientAddress } from "@/lib/auth/client-address";
import type { Principal } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";

/** Who is asking (user, role, accounts; user null when the dashboard is open) and the client's address. */
export interface Caller extends Principal {
  address: string;
}

/** The caller of a request, API or page render alike, with the address throttling uses. */
export function callerOf(headers: Headers, principal: Principal): Caller {
  return { ...principal, address: clientAddress(headers, getConfig().trustedProxies) };
}

/** Which read, of which account (null: every account, as the overview). */
export interface ReadAudit<T = unknown> {
  event: ReadEvent;
  account: string | null;
  /** What the row should say of a result beyond "ok" (the chain check's verdict). */
  details?: (result: T) => Readonly<Record<string, string>>;
}

/**
 * The one way balances data is read for a caller: the API routes and the pages' server prefetch
 * both come through here, so every read writes its audit row, whatever its outcome. Fails closed:
 * while the audit trail cannot take rows the read is refused (503 audit_unavailable) before it
 * starts, and a read whose row cannot be written is not returned.
 */
export async function auditedRead<T>({ event, account, details }: ReadAudit<T>, caller: Caller, read: () => Promise<T>): Promise<T> {
  const line = { event, user: caller.user, account, address: caller.address };
  let result: T;
  try {
    await auditReady();
    result = await read();
  } catch (error) {
    await audit({ ...line, outcome: knownApiError(error)?.code ?? "error" });
    throw error;
  }
  await auditOrRefuse({ ...line, outcome: "ok", ...(details && { details: details(result) }) });
  return result;
}
