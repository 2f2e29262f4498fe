import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { verifySession } from "@/lib/auth/dal";
import { safeNextPath } from "@/lib/next-path";

export const metadata: Metadata = { title: "Sign in · Gemini Treasury" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  const target = safeNextPath(typeof next === "string" ? next : null);
  // A session store that does not answer: show the form (signing in then says why) rather than a 500.
  const session = await verifySession().catch(() => null);
  // Already signed in, or the demo is open: nothing to do here.
  if (session) redirect(target);

  return (
    <main className="mx-auto flex min-h-screen max-w-sm flex-col justify-center gap-6 p-6">
      <h1 className="text-2xl font-semibold">Sign in to Gemini Treasury</h1>
      <LoginForm next={target} />
    </main>
  );
}
