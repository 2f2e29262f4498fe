import { getConfig } from "@/lib/config";
import { withApi } from "@/lib/http";

export const GET = withApi(async () => ({ ok: true, mode: getConfig().mode }), { public: true });
