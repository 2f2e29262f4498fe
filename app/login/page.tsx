import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { verifySession } from "@/lib/auth/dal";
import { oidcFailureMessage } from "@/lib/auth/oidc";
import { getConfig } from "@/lib/config";
import { safeNextPath } from "@/lib/next-path";

export const metadata: Metadata = { title: "Sign in · Gemini Treasury" };

type Search = { next?: string | string[]; sso_error?: string | string[] };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { next, sso_error: ssoError } = await searchParams;
  const target = safeNextPath(typeof next === "string" ? next : null);
  // A session store that does not answer: show the form (signing in then says why) rather than a 500.
  const session = await verifySession().catch(() => null);
  // Already signed in, or the demo is open: nothing to do here.
  if (session) redirect(target);
  const auth = getConfig().auth;
  const oidc = auth?.oidc ?? null;
  const showLocal = Boolean(auth?.localLogin && auth.users.size > 0);
  const failure = oidc && typeof ssoError === "string" ? oidcFailureMessage(ssoError, oidc.displayName) : null;

  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 p-6">
      <h1 className="text-2xl font-semibold">Sign in to Gemini Treasury</h1>
      {failure && (
        <p role="alert" data-testid="sso-error" className="rounded border border-red-700 p-3 text-sm text-red-700">
          {failure}
        </p>
      )}
      {oidc && (
        <a
          href={`/api/auth/oidc/start?next=${encodeURIComponent(target)}`}
          className="rounded bg-gray-900 px-4 py-2 text-center font-medium text-white"
        >
          Sign in with {oidc.displayName}
        </a>
      )}
      {oidc && showLocal && <p className="text-center text-sm text-gray-600">or, with a local account</p>}
      {showLocal && <LoginForm next={target} />}
    </main>
  );
}
