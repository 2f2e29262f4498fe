import "server-only";
import { forbidden } from "next/navigation";
import type { Caller } from "@/lib/auth/audited-read";
import { auditRefusal, scopeRefusal } from "@/lib/auth/scope";

/**
 * For pages: lib/auth/scope.ts's refusal as the 403 page (app/forbidden.tsx). Apart from it because
 * next/navigation loads React's client context, which the snapshot sweep outside Next (benchmarks,
 * scripts) must not.
 */
export async function requirePageScope(caller: Caller, asked: { account: string | null } | "whole-group"): Promise<void> {
  if (scopeRefusal(caller.accounts, asked) === null) return;
  await auditRefusal(caller, asked === "whole-group" ? null : asked.account);
  forbidden();
}
