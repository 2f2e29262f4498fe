import "server-only";
import { forbidden } from "next/navigation";
import type { Caller } from "@/lib/auth/audited-read";
import { auditRefusal, connectionScope, scopeRefusal } from "@/lib/auth/scope";
import { connectionLabels } from "@/lib/server/exchange-key";

/**
 * For pages: lib/auth/scope.ts's refusal as the 403 page (app/forbidden.tsx). Apart from it because
 * next/navigation loads React's client context, which the snapshot sweep outside Next (benchmarks,
 * scripts) must not.
 */
export async function requirePageScope(caller: Caller, asked: { account: string | null; connection?: string | null } | "whole-group"): Promise<void> {
  // An unknown connection is the page's to report (it reads nothing of it), not a refusal.
  const known = asked === "whole-group" || !asked.connection || connectionLabels().includes(asked.connection);
  const scope = asked === "whole-group" || !known ? caller.accounts : connectionScope(caller.accounts, asked.connection);
  if (scopeRefusal(scope, asked) === null) return;
  await auditRefusal(caller, asked === "whole-group" ? null : asked.account);
  forbidden();
}
