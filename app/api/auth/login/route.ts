import { signIn } from "@/lib/auth/login";
import { getConfig } from "@/lib/config";
import { withApi } from "@/lib/http";

export const POST = withApi(async (request) => signIn(request, getConfig()), { public: true });
