import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { SiteHeader } from "@/components/layout/site-header";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Not allowed · Gemini Treasury" };

/** What requirePageSession renders (HTTP 403) for a role that may not open the page. */
export default async function Forbidden() {
  await connection();
  return (
    <>
      <SiteHeader mode={getConfig().mode} />
      <main className="mx-auto max-w-6xl px-4 py-16">
        <h1 className="text-xl font-semibold">Your role does not allow this page</h1>
        <p className="mt-2 text-slate-600 dark:text-slate-400">
          Ask an administrator for a role that does. Viewers see balances; auditors also see history, statements, exports and
          the audit log; admins also take snapshots and manage alerts and sessions.
        </p>
        <Link href="/" className="mt-6 inline-block font-medium text-sky-800 underline underline-offset-2 hover:text-sky-950 dark:text-sky-400">
          Back to balances
        </Link>
      </main>
    </>
  );
}
