import "server-only";
import type { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { parseQuery, type QuerySchema } from "@/lib/api/query";
import { jsonResponse } from "@/lib/api/response";
import { toApiError } from "@/lib/api/to-api-error";
import { auditedRead, callerOf, type Caller, type ReadAudit } from "@/lib/auth/audited-read";
import { isCrossSiteRequest } from "@/lib/auth/origin";
import { audit } from "@/lib/auth/audit";
import { can, OPEN_DEMO_PRINCIPAL, type Permission } from "@/lib/auth/roles";
import { authorizeScope } from "@/lib/auth/scope";
import { sessionPrincipal } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";

export type { Caller } from "@/lib/auth/audited-read";

export function errorResponse(error: unknown): Response {
  const apiError = toApiError(error);
  return jsonResponse({ error: { code: apiError.code, message: apiError.message } }, apiError.status, apiError.headers);
}

export interface ApiOptions<S extends QuerySchema, R = unknown> {
  /** Answer without a session (health, login). Everything else requires one when sign-in is on. */
  public?: boolean;
  /** What the caller's role must allow (lib/auth/roles.ts), one or every one of several; "balances:read" when not given. Ignored on public routes. */
  permission?: Permission | readonly Permission[];
  /** The route's query, read strictly: unknown, repeated or malformed parameters are 400 bad_request. Without it, parameters are not read. */
  query?: S;
  /**
   * "whole-group": the route's data spans every account and cannot be filtered honestly, so a user
   * limited to some accounts (DASHBOARD_ACCOUNTS) is refused (403 forbidden_account). Otherwise
   * a query's `account` outside the caller's accounts is refused the same way (lib/auth/scope.ts).
   */
  scope?: "whole-group";
  /** Which read this is: the handler then runs inside auditedRead, so every outcome writes its audit line. */
  audit?: (query: z.output<S>) => ReadAudit<R>;
}

export interface ApiInput<C, Q> {
  request: Request;
  context: C;
  caller: Caller;
  query: Q;
}

/** Refuses cross-site writes, then requests without a valid session, then roles without the permission, before the handler runs. */
async function authorize(request: Request, options: Pick<ApiOptions<QuerySchema>, "public" | "permission" | "scope">): Promise<Caller> {
  if (isCrossSiteRequest(request)) {
    throw new ApiError("forbidden_origin", "This request came from another site and was refused.");
  }
  const { auth, production } = getConfig();
  if (!auth) return callerOf(request.headers, OPEN_DEMO_PRINCIPAL);
  if (options.public) {
    // A public route answers whatever the session store says (health must, while the store is down).
    const principal = await sessionPrincipal(request, auth, production).catch(() => null);
    return callerOf(request.headers, principal ?? { user: null, role: "viewer", accounts: [] });
  }
  const principal = await sessionPrincipal(request, auth, production);
  if (!principal) throw new ApiError("unauthenticated", "Sign in to use the dashboard API.");
  const caller = callerOf(request.headers, principal);
  const needed: readonly Permission[] = typeof options.permission === "string" ? [options.permission] : (options.permission ?? ["balances:read"]);
  const permission = needed.find((each) => !can(caller.role, each));
  if (permission !== undefined) {
    await audit({ event: "access_denied", user: caller.user, outcome: "forbidden_role", address: caller.address, account: null });
    throw new ApiError("forbidden_role", `Your role (${caller.role}) may not do this: it needs ${permission}.`);
  }
  // Like a role, a whole-group route is refused to a scoped user whatever was asked; an account, once the query is read.
  if (options.scope === "whole-group") await authorizeScope(caller, "whole-group");
  return caller;
}

function readQuery<S extends QuerySchema>(request: Request, schema: S): z.output<S> {
  const url = new URL(request.url);
  if (Object.keys(schema.shape).length === 0) {
    if (url.search !== "") throw new ApiError("bad_request", `${url.pathname} takes no parameters`);
  }
  const parsed = parseQuery(url.searchParams, schema);
  if (!parsed.ok) throw new ApiError("bad_request", parsed.message);
  return parsed.value;
}

/** The `connection` a query names, if it takes one. */
function askedConnection(query: unknown): string | null {
  const connection = typeof query === "object" && query !== null && "connection" in query ? query.connection : null;
  return typeof connection === "string" ? connection : null;
}

/** The `account` a query names, if it takes one. */
function askedAccount(query: unknown): string | null {
  const account = typeof query === "object" && query !== null && "account" in query ? query.account : null;
  return typeof account === "string" ? account : null;
}

/**
 * A route handler that returns JSON and turns every failure into `{error: {code, message}}`.
 * It owns the boundary: no handler runs (so no upstream call is made) without a session and a
 * valid query; a read declared with `audit` is audited whatever its outcome.
 */
export function withApi<C, S extends QuerySchema = QuerySchema, R = unknown>(
  options: ApiOptions<S, R>,
  handler: (input: ApiInput<C, z.output<S>>) => Promise<R>,
): (request: Request, context: C) => Promise<Response> {
  return async (request, context) => {
    try {
      const caller = await authorize(request, options);
      const query = (options.query ? readQuery(request, options.query) : {}) as z.output<S>;
      if (!options.public) await authorizeScope(caller, { account: askedAccount(query), connection: askedConnection(query) });
      const input = { request, context, caller, query };
      const result = options.audit
        ? await auditedRead(options.audit(query), caller, () => handler(input))
        : await handler(input);
      return result instanceof Response ? result : jsonResponse(result);
    } catch (error) {
      return errorResponse(error);
    }
  };
}
