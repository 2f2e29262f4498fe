"use client";

import Link from "next/link";
import { useAccounts } from "@/lib/balances/get-accounts";

/** For master keys: the way to every account at once. */
export function OverviewLink() {
  const { data } = useAccounts();
  if (!data?.master) return null;
  return (
    <Link
      href="/overview"
      className="text-sm font-medium text-sky-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:text-sky-300"
    >
      All accounts
    </Link>
  );
}
