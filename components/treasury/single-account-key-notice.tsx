import Link from "next/link";

/** An account-scoped key reads one account: the overview has nothing to add, so point to it. */
export function SingleAccountKeyNotice() {
  return (
    <p className="text-sm">
      The overview covers the accounts of a master (group) API key; this key reads one account.{" "}
      <Link href="/" className="font-medium text-sky-800 underline dark:text-sky-300">
        See its balances
      </Link>
      .
    </p>
  );
}
