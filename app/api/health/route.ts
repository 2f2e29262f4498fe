import { getConfig } from "@/lib/config";
import { withApi } from "@/lib/http";
import { historyStatus } from "@/lib/snapshots/status";
import { knownRoles } from "@/lib/treasury/service";

/** Makes no call to Gemini: roles are reported once the dashboard (or /api/roles) has learnt them, null before. */
export const GET = withApi({ public: true }, async () => {
  const config = getConfig();
  return { ok: true, mode: config.mode, roles: knownRoles(), history: historyStatus(config) };
});
