import { signIn } from "@/lib/auth/login";
import { getConfig } from "@/lib/config";
import { withApi } from "@/lib/http";

export const POST = withApi({ public: true }, ({ request }) => signIn(request, getConfig()));
