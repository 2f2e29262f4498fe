import { signOut } from "@/lib/auth/logout";
import { getConfig } from "@/lib/config";
import { withApi } from "@/lib/http";

export const POST = withApi({}, ({ request, caller }) => signOut(request, getConfig(), caller.user));
