import type { Metadata } from "next";
import { DeliveryLogSection } from "@/components/alerts/delivery-log-section";
import { DemoReceiverSection } from "@/components/alerts/demo-receiver-section";
import { DestinationsSection } from "@/components/alerts/destinations-section";
import { UserMenu } from "@/components/auth/user-menu";
import { HistoryOff } from "@/components/history/history-off";
import { SiteHeader } from "@/components/layout/site-header";
import { requirePageSession } from "@/lib/auth/dal";
import { getConfig } from "@/lib/config";

export const metadata: Metadata = { title: "Alerts · Gemini Treasury" };

/** Alerts (admins): where they are delivered and what was delivered; rules are kept in the same store. */
export default async function AlertsPage() {
  const session = await requirePageSession("/alerts", "alerts:manage");
  const config = getConfig();
  return (
    <>
      <SiteHeader mode={config.mode} role={session.principal.role} userMenu={<UserMenu user={session.user} />} />
      <main className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-6">
        <h1 className="text-lg font-semibold tracking-tight">Alerts</h1>
        {config.history.offReason === null ? (
          <>
            <DestinationsSection mode={config.mode} />
            <DeliveryLogSection mode={config.mode} />
            {config.mode === "demo" && <DemoReceiverSection />}
          </>
        ) : (
          <HistoryOff reason={config.history.offReason} />
        )}
      </main>
    </>
  );
}
