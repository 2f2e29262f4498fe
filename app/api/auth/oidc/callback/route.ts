import { finishOidcSignIn } from "@/lib/auth/oidc";
import { getConfig } from "@/lib/config";
import { withApi } from "@/lib/http";

export const GET = withApi({ public: true }, ({ request }) => finishOidcSignIn(request, getConfig()));
