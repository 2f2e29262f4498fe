import { withApi } from "@/lib/http";
import { readStoredOverview } from "@/lib/treasury/stored-overview";

export const GET = withApi({ audit: () => ({ event: "overview_fetch", account: null }) }, ({ caller }) => readStoredOverview(new Date(), caller.accounts));
