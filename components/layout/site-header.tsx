import Link from "next/link";
import type { ReactNode } from "react";
import { DemoBadge } from "@/components/layout/demo-badge";
import { can, type Permission, type Role } from "@/lib/auth/roles";

interface SiteHeaderProps {
  mode: "live" | "demo";
  /** The signed-in user's menu (name, "Sign out"), once there is sign-in. */
  userMenu?: ReactNode;
  /** The viewer's role: links to pages it may not open are left out (the pages refuse them anyway). */
  role?: Role;
  /** Someone is signed in: the open demo keeps no sessions, so it has no Sessions link. */
  signedIn?: boolean;
  /** Limited to some accounts (DASHBOARD_ACCOUNTS): pages of the whole group's data are left out too. */
  scoped?: boolean;
}

/** The site's pages beyond balances, each shown to the roles that may open it. */
const NAV_LINKS: readonly { href: string; label: string; permission: Permission; wholeGroup: boolean; signedInOnly?: boolean }[] = [
  { href: "/history", label: "History", permission: "history:read", wholeGroup: false },
  { href: "/alerts", label: "Alerts", permission: "alerts:manage", wholeGroup: true },
  { href: "/audit", label: "Audit", permission: "audit:read", wholeGroup: true },
  { href: "/sessions", label: "Sessions", permission: "sessions:manage", wholeGroup: true, signedInOnly: true },
];

export function SiteHeader({ mode, userMenu, role, signedIn = false, scoped = false }: SiteHeaderProps) {
  const links = role ? NAV_LINKS.filter((link) => can(role, link.permission) && !(scoped && link.wholeGroup) && (signedIn || !link.signedInOnly)) : [];
  return (
    <header className="border-b border-slate-200 bg-white print:hidden dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-3">
        <svg aria-hidden="true" viewBox="0 0 32 32" className="size-7 shrink-0">
          <rect width="32" height="32" rx="7" className="fill-sky-800 dark:fill-sky-500" />
          <path d="M9 21V11h9a4 4 0 0 1 0 8h-5" fill="none" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
          <path d="M13 23h10" stroke="white" strokeWidth="2.5" strokeLinecap="round" />
        </svg>
        <p className="text-base font-semibold tracking-tight text-slate-900 dark:text-slate-50">
          <Link href="/" className="focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:focus-visible:outline-sky-400">
            Gemini Treasury
          </Link>
        </p>
        {mode === "demo" && <DemoBadge />}
        {links.length > 0 && (
          <nav aria-label="Site" className="flex gap-4 text-sm font-medium">
            {links.map((link) => (
              <Link
                key={link.href}
                href={link.href}
                className="text-sky-800 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:text-sky-300 dark:focus-visible:outline-sky-400"
              >
                {link.label}
              </Link>
            ))}
          </nav>
        )}
        <div className="ml-auto flex items-center gap-3">{userMenu}</div>
      </div>
    </header>
  );
}
