import type { Metadata } from "next";
import { UserMenu } from "@/components/auth/user-menu";
import { SiteHeader } from "@/components/layout/site-header";
import { GroupOverview } from "@/components/treasury/group-overview";
import { AsOfSwitch } from "@/components/shared/as-of-switch";
import { KeyRolesNotice } from "@/components/shared/key-roles-notice";
import { requirePageSession } from "@/lib/auth/dal";
import { toSearch } from "@/lib/balances/dashboard-url";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "All accounts · Gemini Treasury" };

/** Every account of a master key's group at once. Loaded in the browser, account by account, with progress. */
interface OverviewPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function OverviewPage({ searchParams }: OverviewPageProps) {
  const session = await requirePageSession("/overview");
  const search = toSearch(await searchParams);
  const config = getConfig();
  return (
    <>
      <SiteHeader mode={config.mode} role={session.principal.role} signedIn={session.user !== null} scoped={session.principal.accounts !== null} userMenu={<UserMenu user={session.user} />} />
      <main className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-6">
        <KeyRolesNotice />
        <AsOfSwitch mode={config.mode} serverSearch={search} scope="group">
          <GroupOverview mode={config.mode} serverSearch={search} refreshIntervalMs={config.refreshIntervalMs} />
        </AsOfSwitch>
      </main>
    </>
  );
}
