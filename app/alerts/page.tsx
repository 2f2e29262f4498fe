import type { Metadata } from "next";
import { DeliveryLogSection } from "@/components/alerts/delivery-log-section";
import { DemoReceiverSection } from "@/components/alerts/demo-receiver-section";
import { DestinationsSection } from "@/components/alerts/destinations-section";
import { EventsSection } from "@/components/alerts/events-section";
import { RulesSection } from "@/components/alerts/rules-section";
import { UserMenu } from "@/components/auth/user-menu";
import { HistoryOff } from "@/components/history/history-off";
import { SiteHeader } from "@/components/layout/site-header";
import { pageCaller, requirePageSession } from "@/lib/auth/dal";
import { requirePageScope } from "@/lib/auth/page-scope";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Alerts · Gemini Treasury" };

/** Alerts (admins only): the rules, what they recorded, where it is delivered and how that went; loaded in the browser, as the history is. */
export default async function AlertsPage() {
  const session = await requirePageSession("/alerts", "alerts:manage");
  // Rules and deliveries are the whole group's: a user limited to some accounts is refused.
  await requirePageScope(await pageCaller(session), "whole-group");
  const config = getConfig();
  return (
    <>
      <SiteHeader mode={config.mode} role={session.principal.role} signedIn={session.user !== null} scoped={session.principal.accounts !== null} userMenu={<UserMenu user={session.user} />} />
      <main className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-6">
        <h1 className="text-lg font-semibold tracking-tight">Alerts</h1>
        {config.history.offReason === null ? (
          <>
            <RulesSection mode={config.mode} />
            <EventsSection mode={config.mode} />
            <DestinationsSection mode={config.mode} />
            <DeliveryLogSection mode={config.mode} />
            {config.mode === "demo" && <DemoReceiverSection />}
          </>
        ) : (
          // Rules, events and deliveries live in the history store.
          <HistoryOff reason={config.history.offReason} />
        )}
      </main>
    </>
  );
}
