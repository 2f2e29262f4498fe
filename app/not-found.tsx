import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { SiteHeader } from "@/components/layout/site-header";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Page not found · Gemini Treasury" };

/** Rendered per request, not prerendered: only then do Next's scripts carry proxy.ts's CSP nonce. */
export default async function NotFound() {
  await connection();
  return (
    <>
      <SiteHeader mode={getConfig().mode} />
      <main className="mx-auto max-w-6xl px-4 py-16">
        <h1 className="text-xl font-semibold">Page not found</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-400">There is no page at this address.</p>
        <Link href="/" className="mt-6 inline-block font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950 dark:text-sky-400">
          Back to balances
        </Link>
      </main>
    </>
  );
}
